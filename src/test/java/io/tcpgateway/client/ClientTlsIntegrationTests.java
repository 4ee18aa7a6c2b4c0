package io.tcpgateway.client;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import io.tcpgateway.support.TestCertificates;
import org.junit.jupiter.api.BeforeEach;
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
 * Tests for {@link ClientCommand} with {@code --tls} against the gateway's TLS listener,
 * whose certificate a test CA made with {@code openssl} signed.
 */
@SpringBootTest(properties = { "gateway.tcp.port=0", "gateway.tls.port=0", "gateway.tls.bundle=gateway" })
class ClientTlsIntegrationTests {

	private static final String GREETING = "Mensagem do servidor!";

	@RegisterExtension
	static final TestCertificates.PerClass certificates = new TestCertificates.PerClass();

	private int tlsPort;

	@DynamicPropertySource
	static void bundle(DynamicPropertyRegistry registry) {
		certificates.serveAsBundle(registry);
	}

	@BeforeEach
	void findPort(@Autowired AbstractServerConnectionFactory tcpServer) {
		TestingUtilities.waitListening(tcpServer, 10000L);
		this.tlsPort = (int) ReflectionTestUtils.invokeMethod(tcpServer, "getTlsPort");
	}

	@Test
	void talksOverTlsTrustingTheGivenCa() {
		Result result = run("--tls", "--ca=" + certificates.get().file("ca.crt"), "--host=127.0.0.1",
				"--port=" + this.tlsPort, "/calc 6*7", "hello");
		assertThat(result.stderr()).isEmpty();
		assertThat(result.stdout()).containsExactly(GREETING, "42", "hello");
		assertThat(result.exitCode()).isZero();
	}

	@Test
	void talksOverTlsTrustingAnyCertificateWhenInsecure() {
		Result result = run("--tls", "--insecure", "--host=127.0.0.1", "--port=" + this.tlsPort, "/calc 1+1");
		assertThat(result.stdout()).containsExactly(GREETING, "2");
		assertThat(result.exitCode()).isZero();
	}

	@Test
	void refusesACertificateNoTrustedAuthoritySigned() {
		Result result = run("--tls", "--host=127.0.0.1", "--port=" + this.tlsPort, "hello");
		assertThat(result.exitCode()).isEqualTo(1);
		assertThat(result.stdout()).isEmpty();
		assertThat(result.stderr()).singleElement().asString().startsWith("cannot connect to 127.0.0.1:");
	}

	@Test
	void refusesTlsOptionsWithoutTls() {
		Result result = run("--insecure", "hello");
		assertThat(result.exitCode()).isEqualTo(2);
		assertThat(result.stderr()).first().asString().isEqualTo("client: --insecure and --ca need --tls");
	}

	@Test
	void connectsToTheTlsPortByDefaultWithTls() {
		assertThat(ClientOptions.parse("--tls").port()).isEqualTo(8443);
		assertThat(ClientOptions.parse("hello").port()).isEqualTo(8080);
	}

	private static Result run(String... args) {
		ByteArrayOutputStream stdout = new ByteArrayOutputStream();
		ByteArrayOutputStream stderr = new ByteArrayOutputStream();
		int exitCode = ClientCommand.run(args, new ByteArrayInputStream(new byte[0]),
				new PrintStream(stdout, true, StandardCharsets.UTF_8),
				new PrintStream(stderr, true, StandardCharsets.UTF_8));
		return new Result(exitCode, stdout.toString(StandardCharsets.UTF_8).lines().toList(),
				stderr.toString(StandardCharsets.UTF_8).lines().toList());
	}

	private record Result(int exitCode, List<String> stdout, List<String> stderr) {

	}

}
