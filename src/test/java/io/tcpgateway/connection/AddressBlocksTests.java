package io.tcpgateway.connection;

import java.net.InetSocketAddress;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link AddressBlocks}.
 */
class AddressBlocksTests {

	private final AddressBlocks defaults = AddressBlocks.of(List.of("127.0.0.0/8", "::1"));

	@ParameterizedTest
	@CsvSource({ "127.0.0.1, true", "127.255.0.9, true", "::1, true", "128.0.0.1, false", "10.0.0.1, false",
			"::2, false" })
	void trustsTheDefaultLoopbackBlocks(String address, boolean trusted) {
		assertThat(this.defaults.contains(new InetSocketAddress(address, 1))).isEqualTo(trusted);
	}

	@Test
	void trustsSingleAddressesAndIpv6Blocks() {
		AddressBlocks proxies = AddressBlocks.of(List.of(" 192.0.2.7 ", "fd00::/8"));
		assertThat(proxies.contains(new InetSocketAddress("192.0.2.7", 1))).isTrue();
		assertThat(proxies.contains(new InetSocketAddress("192.0.2.8", 1))).isFalse();
		assertThat(proxies.contains(new InetSocketAddress("fd12::1", 1))).isTrue();
		assertThat(proxies.contains(new InetSocketAddress("fe80::1", 1))).isFalse();
	}

	@ParameterizedTest
	@ValueSource(strings = { "proxy.example.com", "10.0.0.0/33", "::/129", "10.0.0.0/x", "" })
	void refusesWhatIsNotAnAddressOrBlock(String entry) {
		assertThatIllegalArgumentException().isThrownBy(() -> AddressBlocks.of(List.of(entry)));
	}

}
