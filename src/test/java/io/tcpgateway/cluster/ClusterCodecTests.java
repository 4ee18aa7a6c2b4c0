package io.tcpgateway.cluster;

import java.util.List;

import io.tcpgateway.chat.RoomEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The cluster channel's messages: what goes out comes back, and nothing else gets in.
 */
class ClusterCodecTests {

	private final ClusterCodec codec = new ClusterCodec(() -> 42);

	@Test
	void readsBackWhatItWrites() {
		ClusterMessage say = ClusterMessage.of("say", "node-a", "ann", "hi \"there\"\u001b");
		ClusterMessage heartbeat = ClusterMessage.heartbeat("node-a", 3, List.of("ann", "bob"));
		assertThat(this.codec.decode(this.codec.encode(say))).isEqualTo(say.withEpoch(42));
		assertThat(this.codec.decode(this.codec.encode(heartbeat))).isEqualTo(heartbeat.withEpoch(42));
	}

	@Test
	void readsAMessageWithoutAnIncarnationAsIncarnationZero() {
		assertThat(this.codec.decode("{\"v\":1,\"type\":\"leave\",\"node\":\"b\",\"nick\":\"bob\"}").incarnation())
			.isZero();
		assertThat(this.codec.decode(this.codec.encode(ClusterMessage.of("bye", "a", null, null))).incarnation())
			.isEqualTo(42);
	}

	@Test
	void writesAVersionedJsonObject() {
		assertThat(this.codec.encode(ClusterMessage.of("join", "node-a", "ann", null))).startsWith("{\"v\":1,")
			.contains("\"type\":\"join\"")
			.contains("\"node\":\"node-a\"");
	}

	@Test
	void ignoresFieldsItDoesNotKnow() {
		assertThat(
				this.codec.decode("{\"v\":1,\"type\":\"leave\",\"node\":\"b\",\"nick\":\"bob\",\"new\":true}").nick())
			.isEqualTo("bob");
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "not json", "[]", "null",
			"{\"v\":2,\"type\":\"say\",\"node\":\"b\",\"nick\":\"bob\",\"text\":\"x\"}",
			"{\"type\":\"say\",\"node\":\"b\",\"nick\":\"bob\",\"text\":\"x\"}",
			"{\"v\":1,\"type\":\"shout\",\"node\":\"b\",\"nick\":\"bob\",\"text\":\"x\"}",
			"{\"v\":1,\"type\":\"say\",\"nick\":\"bob\",\"text\":\"x\"}",
			"{\"v\":1,\"type\":\"say\",\"node\":\"b\",\"nick\":\"bo b\",\"text\":\"x\"}",
			"{\"v\":1,\"type\":\"say\",\"node\":\"b\",\"nick\":\"bob\"}",
			"{\"v\":1,\"type\":\"rename\",\"node\":\"b\",\"nick\":\"bob\",\"text\":\"\\u001b[2J\"}",
			"{\"v\":1,\"type\":\"heartbeat\",\"node\":\"b\",\"connections\":-1,\"members\":[]}",
			"{\"v\":1,\"type\":\"heartbeat\",\"node\":\"b\",\"connections\":1,\"members\":[\"a b\"]}",
			"{\"v\":1,\"type\":\"alarm\",\"node\":\"b\"}" })
	void refusesWhatNoNodeCouldHaveSent(String payload) {
		assertThatIllegalArgumentException().isThrownBy(() -> this.codec.decode(payload));
	}

	@Test
	void turnsRoomEventsIntoMessagesAndBack() {
		for (RoomEvent event : List.of(RoomEvent.joined("ann"), RoomEvent.left("ann"), RoomEvent.renamed("ann", "anna"),
				RoomEvent.said("ann", "hello"))) {
			ClusterMessage message = ClusterMessage.of(ClusterCodec.type(event), "node-a", event.nick(), event.text());
			assertThat(ClusterCodec.event(this.codec.decode(this.codec.encode(message)))).isEqualTo(event);
		}
	}

}
