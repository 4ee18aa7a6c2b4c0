package io.tcpgateway.udp;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ReplayGuard}.
 */
class ReplayGuardTests {

	@Test
	void refusesTheSameMacUntilItExpires() {
		ReplayGuard guard = new ReplayGuard(10);
		assertThat(guard.remember("a", 130, 100)).isNull();
		assertThat(guard.remember("a", 130, 120)).isEqualTo(Drop.REPLAY);
		assertThat(guard.remember("a", 130, 130)).isEqualTo(Drop.REPLAY);
		assertThat(guard.remember("a", 140, 131)).isNull();
	}

	@Test
	void whenFullRefusesNewMacsUntilOldOnesExpire() {
		ReplayGuard guard = new ReplayGuard(2);
		assertThat(guard.remember("a", 130, 100)).isNull();
		assertThat(guard.remember("b", 120, 100)).isNull();
		assertThat(guard.remember("c", 130, 110)).isEqualTo(Drop.BUSY);
		assertThat(guard.remember("c", 130, 121)).isNull();
		assertThat(guard.remember("a", 130, 121)).isEqualTo(Drop.REPLAY);
	}

}
