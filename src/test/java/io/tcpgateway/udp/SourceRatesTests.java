package io.tcpgateway.udp;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SourceRates}.
 */
class SourceRatesTests {

	private static final long MS = 1_000_000L;

	@Test
	void allowsABurstThenTheRatePerSource() throws UnknownHostException {
		SourceRates rates = new SourceRates(10);
		InetAddress one = InetAddress.getByName("192.0.2.1");
		InetAddress two = InetAddress.getByName("192.0.2.2");
		long now = 5_000 * MS;
		for (int i = 0; i < 10; i++) {
			assertThat(rates.tryTake(one, now)).isTrue();
		}
		assertThat(rates.tryTake(one, now)).isFalse();
		assertThat(rates.tryTake(two, now)).isTrue();
		assertThat(rates.tryTake(one, now + 99 * MS)).isFalse();
		assertThat(rates.tryTake(one, now + 100 * MS)).isTrue();
		assertThat(rates.tryTake(one, now + 100 * MS)).isFalse();
	}

	@Test
	void zeroMeansNoLimit() throws UnknownHostException {
		SourceRates rates = new SourceRates(0);
		for (int i = 0; i < 1000; i++) {
			assertThat(rates.tryTake(InetAddress.getLoopbackAddress(), 0)).isTrue();
		}
	}

}
