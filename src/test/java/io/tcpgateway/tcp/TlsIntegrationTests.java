package io.tcpgateway.tcp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;

import io.tcpgateway.GatewayIntegrationTests;
import io.tcpgateway.ServerChecks;
import io.tcpgateway.TestClient;
import io.tcpgateway.connection.ConnectionEvent;
import io.tcpgateway.connection.ConnectionSnapshot;
import io.tcpgateway.connection.EventLog;
import io.tcpgateway.connection.EventType;
import io.tcpgateway.support.ExternalProgram;
import io.tcpgateway.support.TestCertificates;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The TLS listener over real sockets, with a CA and certificates made by {@code openssl}:
 * Java, {@code openssl s_client} and {@code ncat --ssl} clients, client certificates, the
 * handshake deadline, clients at the wrong door and a certificate renewed on disk.
 */
@SpringBootTest(properties = { "gateway.tcp.port=0", "gateway.tls.port=0", "gateway.tls.bundle=gateway",
		"gateway.tls.handshake-timeout=1s", "gateway.tls.client-auth=want",
		"spring.ssl.bundle.pem.gateway.reload-on-update=true", "spring.ssl.bundle.watch.file.quiet-period=200ms" })
class TlsIntegrationTests extends GatewayIntegrationTests {

	private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

	static TestCertificates certificates;

	@Autowired
	EventLog events;

	@BeforeAll
	static void createCertificates() {
		certificates = TestCertificates.create();
		certificates.issue("alice", "/CN=alice/O=Clients", "extendedKeyUsage=clientAuth");
	}

	@AfterAll
	static void deleteCertificates() {
		if (certificates != null) {
			certificates.delete();
		}
	}

	@DynamicPropertySource
	static void bundle(DynamicPropertyRegistry registry) {
		registry.add("spring.ssl.bundle.pem.gateway.keystore.certificate", () -> fileUrl("server.crt"));
		registry.add("spring.ssl.bundle.pem.gateway.keystore.private-key", () -> fileUrl("server.key"));
		registry.add("spring.ssl.bundle.pem.gateway.truststore.certificate", () -> fileUrl("ca.crt"));
	}

	private static String fileUrl(String name) {
		return "file:" + certificates.file(name);
	}

	int tlsPort() {
		return ((NettyServerConnectionFactory) this.server).getTlsPort();
	}

	@Test
	void greetsEchoesAndCalculatesOverTls() throws IOException {
		try (TestClient client = tls(certificates.clientContext())) {
			assertThat(client.readLine()).isEqualTo(TestClient.GREETING);
			assertThat(client.exchange("hello over tls")).isEqualTo("hello over tls");
			assertThat(client.exchange("/calc 2+3*4")).isEqualTo("14");
			ConnectionSnapshot snapshot = onlyConnection();
			assertThat(snapshot.transport()).isEqualTo("tls");
			assertThat(snapshot.remoteAddress()).isEqualTo("127.0.0.1");
			assertThat(snapshot.remotePort()).isEqualTo(client.localPort());
			assertThat(snapshot.clientCertificate()).isNull();
		}
	}

	@Test
	void showsTheSubjectOfAClientCertificate() throws IOException {
		try (TestClient client = tls(certificates.clientContext("alice"))) {
			assertThat(client.readLine()).isEqualTo(TestClient.GREETING);
			assertThat(onlyConnection().clientCertificate()).isEqualTo("O=Clients,CN=alice");
		}
	}

	@Test
	void servesOpensslSClient() throws Exception {
		Path openssl = ExternalProgram.openssl();
		List<String> command = List.of(openssl.toString(), "s_client", "-connect", "127.0.0.1:" + tlsPort(), "-quiet",
				"-CAfile", certificates.file("ca.crt").toString(), "-verify_return_error");
		assertGreetingEchoAndCalc(command);
	}

	@Test
	void servesNcatSsl() throws Exception {
		Path ncat = ExternalProgram.ncat();
		List<String> command = List.of(ncat.toString(), "--ssl", "--ssl-trustfile",
				certificates.file("ca.crt").toString(), "localhost", String.valueOf(tlsPort()));
		assertGreetingEchoAndCalc(command);
	}

	@Test
	void closesAHandshakeThatNeverCompletesOnTimeWithoutHoldingAThread() throws IOException {
		int threads = ServerChecks.liveThreads();
		List<Socket> stalled = new ArrayList<>();
		try {
			long start = System.nanoTime();
			for (int i = 0; i < 50; i++) {
				Socket socket = new Socket("127.0.0.1", tlsPort());
				socket.setSoTimeout((int) READ_TIMEOUT.toMillis());
				stalled.add(socket);
			}
			try (TestClient client = tls(certificates.clientContext())) {
				assertThat(client.readLine()).isEqualTo(TestClient.GREETING);
			}
			assertThat(ServerChecks.liveThreads()).isLessThan(threads + 8);
			for (Socket socket : stalled) {
				assertThat(socket.getInputStream().read()).isEqualTo(-1);
			}
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(900),
					Duration.ofSeconds(5));
		}
		finally {
			for (Socket socket : stalled) {
				socket.close();
			}
		}
		assertThat(latest(EventType.HANDSHAKE_FAILED).detail()).isEqualTo("handshake not completed in time");
	}

	@Test
	void closesAPlaintextClientOnTheTlsPortAndRecordsWhy() throws IOException {
		try (TestClient plain = TestClient.connect(tlsPort())) {
			plain.send("hello");
			assertThat(plain.awaitClose()).isTrue();
		}
		await().untilAsserted(() -> assertThat(latest(EventType.HANDSHAKE_FAILED).detail())
			.isEqualTo("not a TLS client: plaintext on the TLS port"));
		assertThat(this.registry.count()).isZero();
	}

	@Test
	void aTlsClientOnThePlainPortFailsItsHandshakeAndIsClosed() throws IOException {
		SSLSocket socket = (SSLSocket) certificates.clientContext()
			.getSocketFactory()
			.createSocket("127.0.0.1", this.port);
		try (socket) {
			socket.setSoTimeout((int) READ_TIMEOUT.toMillis());
			assertThatExceptionOfType(SSLException.class).isThrownBy(socket::startHandshake);
		}
		await().until(() -> this.registry.count() == 0);
	}

	@Test
	void usesARenewedCertificateForNewConnectionsAndKeepsOpenOnes() throws IOException {
		try (TestClient before = tls(certificates.clientContext())) {
			assertThat(before.readLine()).isEqualTo(TestClient.GREETING);
			BigInteger oldSerial = serial(before);
			certificates.issue("server", "/CN=localhost", "subjectAltName=DNS:localhost,IP:127.0.0.1");
			BigInteger newSerial = ((X509Certificate) certificates.certificates("server.crt").get(0)).getSerialNumber();
			assertThat(newSerial).isNotEqualTo(oldSerial);
			await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
				try (TestClient after = tls(certificates.clientContext())) {
					assertThat(after.readLine()).isEqualTo(TestClient.GREETING);
					assertThat(serial(after)).isEqualTo(newSerial);
				}
			});
			assertThat(before.exchange("still open")).isEqualTo("still open");
			assertThat(serial(before)).isEqualTo(oldSerial);
		}
	}

	private void assertGreetingEchoAndCalc(List<String> command) throws Exception {
		Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
		try {
			BufferedReader out = new BufferedReader(
					new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
			assertThat(readLine(out)).isEqualTo(TestClient.GREETING);
			OutputStream in = process.getOutputStream();
			in.write("ping\n/calc 6*7\n".getBytes(StandardCharsets.UTF_8));
			in.flush();
			assertThat(readLine(out)).isEqualTo("ping");
			assertThat(readLine(out)).isEqualTo("42");
		}
		finally {
			process.destroy();
			process.waitFor(5, TimeUnit.SECONDS);
		}
		await().until(() -> this.registry.count() == 0);
	}

	private static String readLine(BufferedReader reader) throws Exception {
		return CompletableFuture.supplyAsync(() -> {
			try {
				return reader.readLine();
			}
			catch (IOException ex) {
				return "failed: " + ex;
			}
		}).get(READ_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
	}

	private TestClient tls(SSLContext context) throws IOException {
		SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", tlsPort());
		socket.startHandshake();
		return TestClient.over(socket);
	}

	private static BigInteger serial(TestClient client) throws IOException {
		SSLSocket socket = (SSLSocket) client.socket();
		return ((X509Certificate) socket.getSession().getPeerCertificates()[0]).getSerialNumber();
	}

	private ConnectionSnapshot onlyConnection() {
		await().until(() -> this.registry.count() == 1);
		return this.registry.list().get(0);
	}

	private ConnectionEvent latest(EventType type) {
		return this.events.recent(1000).stream().filter((event) -> event.type() == type).findFirst().orElseThrow();
	}

}
