package io.tcpgateway.settings;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link GatewayProperties.Udp}: when the alarm port opens, and why not.
 */
class UdpSettingsTests {

	@Test
	void anUnsetPortIsOffWithoutAReason() {
		GatewayProperties.Udp udp = udp(null, "");
		assertThat(udp.opens()).isFalse();
		assertThat(udp.closedBecause()).isNull();
	}

	@Test
	void aSetPortOpensOnlyWithASecretOfSixteenBytes() {
		assertThat(udp(0, "").closedBecause()).isEqualTo("gateway.udp.alarm-secret is not set");
		assertThat(udp(8125, "fifteen-bytes!!").closedBecause())
			.isEqualTo("gateway.udp.alarm-secret is shorter than 16 bytes");
		assertThat(udp(8125, "sixteen-bytes!!!").opens()).isTrue();
		assertThat(udp(0, "sixteen-bytes!!!").closedBecause()).isNull();
	}

	private static GatewayProperties.Udp udp(Integer port, String secret) {
		return new GatewayProperties.Udp(port, "", secret, Duration.ofSeconds(30), List.of("127.0.0.0/8"), 10);
	}

}
