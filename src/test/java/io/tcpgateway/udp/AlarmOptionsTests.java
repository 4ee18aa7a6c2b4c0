package io.tcpgateway.udp;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link AlarmOptions}.
 */
class AlarmOptionsTests {

	@Test
	void readsAddressSecretAndText() {
		AlarmOptions options = parse("--udp=db1.example.com:8125", "--secret=s3cr3t", "disk", "full");
		assertThat(options).isEqualTo(new AlarmOptions("db1.example.com", 8125, "s3cr3t", "disk full", false));
		assertThat(options.toString()).doesNotContain("s3cr3t");
	}

	@Test
	void readsAnIpv6AddressInBrackets() {
		assertThat(parse("--udp=[::1]:8125", "--secret=s", "x").host()).isEqualTo("::1");
	}

	@Test
	void takesTheSecretFromTheGatewaysVariableWithoutTheOption() {
		AlarmOptions options = AlarmOptions.parse(List.of("--udp=localhost:8125", "--", "--not an option"),
				Map.of("GATEWAY_UDP_ALARMSECRET", "from-env"));
		assertThat(options.secret()).isEqualTo("from-env");
		assertThat(options.text()).isEqualTo("--not an option");
	}

	@ParameterizedTest
	@ValueSource(strings = { "--secret=s x", "--udp=localhost:8125 x", "--udp=localhost:8125 --secret=s",
			"--udp=localhost --secret=s x", "--udp=:8125 --secret=s x", "--udp=localhost:0 --secret=s x",
			"--udp=localhost:x --secret=s x", "--udp=localhost:70000 --secret=s x",
			"--udp=localhost:8125/x --secret=s x", "--udp=localhost:8125?x --secret=s x",
			"--udp=localhost:8125 --secret= x", "--udp=localhost:8125 --secret=s --tls x" })
	void refusesMissingOrBadArguments(String line) {
		assertThatIllegalArgumentException().isThrownBy(() -> parse(line.split(" ")));
	}

	@Test
	void refusesATextOfSeveralLines() {
		assertThatIllegalArgumentException().isThrownBy(() -> parse("--udp=localhost:8125", "--secret=s", "a\nb"));
	}

	private static AlarmOptions parse(String... args) {
		return AlarmOptions.parse(List.of(args), Map.of());
	}

}
