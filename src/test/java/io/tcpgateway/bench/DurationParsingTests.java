package io.tcpgateway.bench;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class DurationParsingTests {

	@Test
	void parsesUnits() {
		assertThat(BenchOptions.parseDuration("500ms")).isEqualTo(Duration.ofMillis(500));
		assertThat(BenchOptions.parseDuration("10s")).isEqualTo(Duration.ofSeconds(10));
		assertThat(BenchOptions.parseDuration("1m")).isEqualTo(Duration.ofMinutes(1));
		assertThat(BenchOptions.parseDuration("2h")).isEqualTo(Duration.ofHours(2));
	}

	@Test
	void bareNumberIsSeconds() {
		assertThat(BenchOptions.parseDuration("3")).isEqualTo(Duration.ofSeconds(3));
	}

	@Test
	void rejectsMalformed() {
		for (String text : new String[] { "", "s", "1.5s", "-1s", "10 s", "10sec", "1d", "9999999999s" }) {
			assertThatIllegalArgumentException().as(text)
				.isThrownBy(() -> BenchOptions.parseDuration(text))
				.withMessageContaining("invalid duration");
		}
	}

	@Test
	void formatsAsSecondsWithOneDecimal() {
		assertThat(BenchOptions.format(Duration.ofMillis(1500))).isEqualTo("1.5s");
		assertThat(BenchOptions.format(Duration.ofSeconds(10))).isEqualTo("10.0s");
	}

}
