package io.tcpgateway.bench;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class BenchOptionsTests {

	@Test
	void defaultsWhenNoArguments() {
		BenchOptions options = BenchOptions.parse();
		assertThat(options).isEqualTo(new BenchOptions("localhost", 8080, 100, Duration.ofSeconds(10), 64, 1,
				Duration.ofSeconds(2), false, Duration.ofSeconds(10), false));
	}

	@Test
	void parsesEveryOption() {
		BenchOptions options = BenchOptions.parse("--host=127.0.0.1", "--port=9000", "--connections=1000",
				"--duration=1m", "--size=128", "--pipeline=16", "--warmup=500ms", "--idle", "--hold=30s", "--help");
		assertThat(options).isEqualTo(new BenchOptions("127.0.0.1", 9000, 1000, Duration.ofMinutes(1), 128, 16,
				Duration.ofMillis(500), true, Duration.ofSeconds(30), true));
	}

	@Test
	void laterOptionWins() {
		assertThat(BenchOptions.parse("--port=1", "--port=2").port()).isEqualTo(2);
	}

	@Test
	void shortHelp() {
		assertThat(BenchOptions.parse("-h").help()).isTrue();
	}

	@Test
	void rejectsUnknownOption() {
		assertThatIllegalArgumentException().isThrownBy(() -> BenchOptions.parse("--threads=4"))
			.withMessageContaining("unknown option: --threads=4");
	}

	@Test
	void rejectsPositionalArgument() {
		assertThatIllegalArgumentException().isThrownBy(() -> BenchOptions.parse("localhost"))
			.withMessageContaining("unexpected argument");
	}

	@Test
	void rejectsMissingValue() {
		assertThatIllegalArgumentException().isThrownBy(() -> BenchOptions.parse("--port"))
			.withMessageContaining("--port needs a value");
	}

	@Test
	void rejectsValueOnFlag() {
		assertThatIllegalArgumentException().isThrownBy(() -> BenchOptions.parse("--idle=true"))
			.withMessageContaining("--idle takes no value");
	}

	@Test
	void rejectsNonNumericValue() {
		assertThatIllegalArgumentException().isThrownBy(() -> BenchOptions.parse("--connections=lots"))
			.withMessageContaining("--connections is not a number");
	}

	@Test
	void rejectsOutOfRangeValues() {
		assertThatIllegalArgumentException().isThrownBy(() -> BenchOptions.parse("--port=70000"));
		assertThatIllegalArgumentException().isThrownBy(() -> BenchOptions.parse("--connections=0"));
		assertThatIllegalArgumentException().isThrownBy(() -> BenchOptions.parse("--size=2"));
		assertThatIllegalArgumentException().isThrownBy(() -> BenchOptions.parse("--pipeline=0"));
		assertThatIllegalArgumentException().isThrownBy(() -> BenchOptions.parse("--duration=0s"));
	}

	@Test
	void zeroWarmupIsAllowed() {
		assertThat(BenchOptions.parse("--warmup=0s").warmup()).isZero();
	}

	@Test
	void rejectsBadDurationNamingTheOption() {
		assertThatIllegalArgumentException().isThrownBy(() -> BenchOptions.parse("--warmup=soon"))
			.withMessageContaining("--warmup")
			.withMessageContaining("invalid duration 'soon'");
	}

}
