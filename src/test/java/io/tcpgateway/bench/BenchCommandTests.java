package io.tcpgateway.bench;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BenchCommandTests {

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	private final ByteArrayOutputStream err = new ByteArrayOutputStream();

	@Test
	void helpPrintsUsageOnStdout() {
		assertThat(run("--help")).isZero();
		assertThat(this.out.toString(StandardCharsets.UTF_8)).startsWith("Usage:")
			.contains("--pipeline")
			.contains("--sources");
		assertThat(this.err.size()).isZero();
	}

	@Test
	void unknownOptionPrintsUsageOnStderrAndExitsWithTwo() {
		assertThat(run("--nope")).isEqualTo(2);
		assertThat(this.err.toString(StandardCharsets.UTF_8)).contains("unknown option: --nope").contains("Usage:");
		assertThat(this.out.size()).isZero();
	}

	@Test
	void badValueExitsWithTwo() {
		assertThat(run("--duration=forever")).isEqualTo(2);
	}

	private int run(String... args) {
		return BenchCommand.run(args, new PrintStream(this.out, true, StandardCharsets.UTF_8),
				new PrintStream(this.err, true, StandardCharsets.UTF_8));
	}

}
