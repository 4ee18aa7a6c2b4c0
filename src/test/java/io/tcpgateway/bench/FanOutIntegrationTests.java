package io.tcpgateway.bench;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;
import org.springframework.integration.ip.util.TestingUtilities;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Short chat and alarm fan-out runs against the real gateway: every line delivered once
 * and in order, every alarm to every connection.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = { "gateway.tcp.port=0",
		"gateway.chat.max-lines-per-second=0", "spring.security.user.password=bench-secret" })
class FanOutIntegrationTests {

	@Autowired
	AbstractServerConnectionFactory server;

	@LocalServerPort
	int httpPort;

	@Test
	void deliversEveryChatLineOnceAndInOrderInTheClosedLoop() {
		String summary = run("--chat", "--connections=6", "--senders=3", "--duration=1s", "--warmup=200ms");
		assertThat(summary).startsWith("chat members=6 senders=3 window=2 ");
		assertThat(number(summary, "deliveries")).isPositive();
		assertThat(number(summary, "missing")).isZero();
		assertThat(number(summary, "reordered")).isZero();
		assertThat(number(summary, "errors")).isZero();
	}

	@Test
	void deliversEveryChatLineAtAnOfferedRate() {
		String summary = run("--chat", "--connections=5", "--senders=5", "--rate=50", "--duration=1s",
				"--warmup=200ms");
		assertThat(summary).startsWith("chat members=5 senders=5 rate=50/s ");
		// 5 senders at 50 lines/s for 1.2 s, however busy the machine; each line to 4
		// receivers, none missing.
		assertThat(number(summary, "sent")).isBetween(250L, 350L);
		assertThat(number(summary, "deliveries")).isPositive();
		assertThat(number(summary, "missing")).isZero();
		assertThat(number(summary, "reordered")).isZero();
	}

	@Test
	void timesEveryAlarmToEveryConnection() {
		String summary = run("--alarm", "--connections=50", "--rounds=3", "--http-port=" + this.httpPort,
				"--password=bench-secret");
		assertThat(summary).startsWith("alarm connections=50 rounds=3 ");
		assertThat(number(summary, "last")).isGreaterThanOrEqualTo(number(summary, "first")).isPositive();
		assertThat(number(summary, "missing")).isZero();
		assertThat(number(summary, "errors")).isZero();
	}

	@Test
	void countsARejectedAlarmAsAnError() {
		String[] args = { "--port=" + port(), "--alarm", "--connections=2", "--rounds=1",
				"--http-port=" + this.httpPort, "--password=wrong" };
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		int exit = BenchCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
				new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
		String summary = out.toString(StandardCharsets.UTF_8).strip();
		assertThat(exit).isEqualTo(1);
		// The 401 and nothing delivered: every connection's alarm is missing.
		assertThat(number(summary, "errors")).isEqualTo(1);
		assertThat(number(summary, "missing")).isEqualTo(2);
	}

	private int port() {
		TestingUtilities.waitListening(this.server, 10_000L);
		return this.server.getPort();
	}

	private String run(String... options) {
		String[] args = Stream.concat(Stream.of("--port=" + port()), Arrays.stream(options)).toArray(String[]::new);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int exit = BenchCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
				new PrintStream(err, true, StandardCharsets.UTF_8));
		String summary = out.toString(StandardCharsets.UTF_8).strip();
		assertThat(exit).as("exit code; summary: %s; stderr: %s", summary, err).isZero();
		return summary;
	}

	private static long number(String summary, String key) {
		Matcher matcher = Pattern.compile("(?:^| )" + Pattern.quote(key) + "=(\\d+)").matcher(summary);
		assertThat(matcher.find()).as("%s in %s", key, summary).isTrue();
		return Long.parseLong(matcher.group(1));
	}

}
