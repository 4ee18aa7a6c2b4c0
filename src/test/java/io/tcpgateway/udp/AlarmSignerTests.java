package io.tcpgateway.udp;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link AlarmSigner}.
 */
class AlarmSignerTests {

	private final AlarmSigner signer = new AlarmSigner("0123456789abcdef-secret");

	@Test
	void signsAsOpensslDgstHmacDoes() {
		// printf 'v1 %s %s' 1700000000 "disk full on db1" | openssl dgst -sha256 -hmac
		// ...
		assertThat(this.signer.sign(1700000000L, "disk full on db1"))
			.isEqualTo("4815970f1ba3d73646a6d199de92ca8fc4e90fcaca088da0bbc4a31556f6ef45");
		assertThat(this.signer.sign(1700000000L, "café ☕"))
			.isEqualTo("6007c221b31c8e25541fb9e4df8dc882f6ff77011825d772cb5584334cfc13cb");
	}

	@Test
	void buildsTheWholeDatagram() {
		assertThat(new String(this.signer.datagram(1700000000L, "disk full on db1"), StandardCharsets.UTF_8)).isEqualTo(
				"v1 1700000000 4815970f1ba3d73646a6d199de92ca8fc4e90fcaca088da0bbc4a31556f6ef45 disk full on db1");
	}

	@Test
	void verifiesOnlyTheRightMacForTheSameTimeAndText() {
		String mac = this.signer.sign(1700000000L, "disk full on db1");
		assertThat(this.signer.verifies(1700000000L, "disk full on db1", mac)).isTrue();
		assertThat(this.signer.verifies(1700000001L, "disk full on db1", mac)).isFalse();
		assertThat(this.signer.verifies(1700000000L, "disk full on db2", mac)).isFalse();
		assertThat(new AlarmSigner("another-secret-of-16").verifies(1700000000L, "disk full on db1", mac)).isFalse();
		assertThat(this.signer.verifies(1700000000L, "disk full on db1", mac.substring(1))).isFalse();
	}

	@Test
	void refusesAnEmptySecret() {
		assertThatIllegalArgumentException().isThrownBy(() -> new AlarmSigner(""));
	}

}
