package io.tcpgateway.connection;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.tcpgateway.chat.Line;
import io.tcpgateway.protocol.Mode;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The registry's operations over plain outlets: a door that fails to write loses nobody
 * else's lines, and fan-out shares one encoded line.
 */
class ConnectionRegistryTests {

	private final ConnectionRegistry registry = new ConnectionRegistry(10, new Traffic());

	@Test
	void aDoorThatThrowsIsClosedAndTheOthersStillGetTheAlarm() {
		RecordingOutlet broken = new RecordingOutlet(true);
		RecordingOutlet healthy = new RecordingOutlet(false);
		Connection first = open("a", broken);
		open("b", healthy);

		assertThat(this.registry.broadcast("! one")).isEqualTo(2);
		assertThat(this.registry.broadcast("! two")).isEqualTo(2);

		assertThat(healthy.sent).extracting(Line::text).containsExactly("! one", "! two");
		assertThat(broken.closed).isTrue();
		assertThat(first.closeReason()).isEqualTo(CloseReason.ERROR);
		assertThat(this.registry.traffic().errors(ErrorType.IO)).isEqualTo(1);
	}

	@Test
	void fanOutEncodesALineOnceForEveryRecipient() {
		RecordingOutlet one = new RecordingOutlet(false);
		RecordingOutlet other = new RecordingOutlet(false);
		open("a", one);
		open("b", other);

		this.registry.broadcast("! shared");

		assertThat(one.sent.get(0)).isSameAs(other.sent.get(0));
		assertThat(one.sent.get(0).text()).isEqualTo("! shared");
	}

	private Connection open(String id, Outlet outlet) {
		Connection connection = new Connection(id, new Peer("tcp", "127.0.0.1", 1000, null), Instant.now(), Mode.ECHO,
				outlet, this.registry.traffic());
		assertThat(this.registry.add(connection)).isPositive();
		connection.greeted();
		return connection;
	}

	static final class RecordingOutlet implements Outlet {

		final List<Line> sent = new ArrayList<>();

		private final boolean failing;

		boolean closed;

		RecordingOutlet(boolean failing) {
			this.failing = failing;
		}

		@Override
		public void send(Line line) {
			if (this.failing) {
				throw new IllegalStateException("the door is broken");
			}
			this.sent.add(line);
		}

		@Override
		public void closeAfter(@Nullable Line last) {
			this.closed = true;
		}

		@Override
		public void close() {
			this.closed = true;
		}

	}

}
