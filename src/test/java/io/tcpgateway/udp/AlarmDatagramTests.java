package io.tcpgateway.udp;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link AlarmDatagram}.
 */
class AlarmDatagramTests {

	private static final String MAC = "4815970f1ba3d73646a6d199de92ca8fc4e90fcaca088da0bbc4a31556f6ef45";

	@Test
	void readsTimestampMacAndTextWithItsSpaces() {
		assertThat(parse("v1 1700000000 " + MAC + " disk  full on db1 "))
			.isEqualTo(new AlarmDatagram(1700000000L, MAC, "disk  full on db1 "));
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "v1", "v1 1700000000 " + MAC, "v1 1700000000 " + MAC + " ",
			"v2 1700000000 " + MAC + " text", "v1  1700000000 " + MAC + " text", "v1 -1700000000 " + MAC + " text",
			"v1 01700000000 " + MAC + " text", "v1 17000000000000 " + MAC + " text",
			"v1 1700000000 " + "4815970F1BA3D73646A6D199DE92CA8FC4E90FCACA088DA0BBC4A31556F6EF45" + " text",
			"v1 1700000000 " + MAC + "0 text", "v1 1700000000 text", "V1 1700000000 " + MAC + " text" })
	void refusesWhatIsNotTheFormat(String datagram) {
		assertThat(parse(datagram)).isNull();
	}

	@Test
	void refusesATextThatIsNotUtf8() {
		byte[] prefix = ("v1 1700000000 " + MAC + " caf").getBytes(StandardCharsets.US_ASCII);
		byte[] bytes = new byte[prefix.length + 1];
		System.arraycopy(prefix, 0, bytes, 0, prefix.length);
		bytes[prefix.length] = (byte) 0xE9;
		assertThat(AlarmDatagram.parse(bytes)).isNull();
	}

	private static AlarmDatagram parse(String datagram) {
		return AlarmDatagram.parse(datagram.getBytes(StandardCharsets.UTF_8));
	}

}
