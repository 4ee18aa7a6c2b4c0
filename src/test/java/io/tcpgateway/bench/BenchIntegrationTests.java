package io.tcpgateway.bench;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;
import org.springframework.integration.ip.util.TestingUtilities;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Short load runs against the real gateway: every echoed byte checked, nothing lost.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "gateway.tcp.port=0")
class BenchIntegrationTests {

	@Autowired
	AbstractServerConnectionFactory server;

	@Test
	void countsMessagesWithoutErrorsInPingPongAndPipelined() {
		assertThat(run("--connections=8", "--duration=1s", "--warmup=200ms")).matches("connections=8 .*");
		String pipelined = run("--connections=4", "--pipeline=16", "--duration=1s", "--warmup=200ms");
		assertThat(pipelined).contains("pipeline=16");
	}

	@Test
	void holdsIdleConnections() {
		String summary = run("--idle", "--connections=200", "--hold=500ms");
		assertThat(summary).isEqualTo("idle connections=200 held=200 errors=0");
	}

	private String run(String... options) {
		TestingUtilities.waitListening(this.server, 10_000L);
		String[] args = new String[options.length + 1];
		args[0] = "--port=" + this.server.getPort();
		System.arraycopy(options, 0, args, 1, options.length);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int exit = BenchCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
				new PrintStream(err, true, StandardCharsets.UTF_8));
		String summary = out.toString(StandardCharsets.UTF_8).strip();
		assertThat(exit).as("exit code; stderr: %s", err).isZero();
		if (!summary.startsWith("idle")) {
			Matcher counts = Pattern.compile("messages=(\\d+) .* errors=(\\d+)").matcher(summary);
			assertThat(counts.find()).as(summary).isTrue();
			assertThat(Long.parseLong(counts.group(1))).isPositive();
			assertThat(counts.group(2)).isEqualTo("0");
		}
		return summary;
	}

}
