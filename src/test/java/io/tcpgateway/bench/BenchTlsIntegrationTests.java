package io.tcpgateway.bench;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.tcpgateway.support.TestCertificates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;
import org.springframework.integration.ip.util.TestingUtilities;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.util.ReflectionTestUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Short {@code bench --tls} runs against the gateway's TLS listener: every echoed byte
 * checked through the TLS layer, and the handshake rate reported.
 */
@SpringBootTest(properties = { "gateway.tcp.port=0", "gateway.tls.port=0", "gateway.tls.bundle=gateway" })
class BenchTlsIntegrationTests {

	@RegisterExtension
	static final TestCertificates.PerClass certificates = new TestCertificates.PerClass();

	@Autowired
	AbstractServerConnectionFactory server;

	@DynamicPropertySource
	static void bundle(DynamicPropertyRegistry registry) {
		certificates.serveAsBundle(registry);
	}

	@Test
	void countsMessagesAndHandshakesWithoutErrorsOverTls() {
		String pingPong = run("--connections=20", "--duration=1s", "--warmup=200ms");
		assertThat(pingPong).startsWith("connections=20 pipeline=1 ");
		String pipelined = run("--connections=4", "--pipeline=16", "--size=2000", "--duration=1s", "--warmup=200ms");
		assertThat(pipelined).contains("pipeline=16");
	}

	private String run(String... options) {
		TestingUtilities.waitListening(this.server, 10_000L);
		int tlsPort = (int) ReflectionTestUtils.invokeMethod(this.server, "getTlsPort");
		String[] args = new String[options.length + 2];
		args[0] = "--port=" + tlsPort;
		args[1] = "--tls";
		System.arraycopy(options, 0, args, 2, options.length);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int exit = BenchCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
				new PrintStream(err, true, StandardCharsets.UTF_8));
		String summary = out.toString(StandardCharsets.UTF_8).strip();
		assertThat(exit).as("exit code; stderr: %s", err).isZero();
		Matcher counts = Pattern.compile("messages=(\\d+) .* errors=(\\d+) connects/s=(\\d+)").matcher(summary);
		assertThat(counts.find()).as(summary).isTrue();
		assertThat(Long.parseLong(counts.group(1))).isPositive();
		assertThat(counts.group(2)).isEqualTo("0");
		assertThat(Long.parseLong(counts.group(3))).isPositive();
		return summary;
	}

}
