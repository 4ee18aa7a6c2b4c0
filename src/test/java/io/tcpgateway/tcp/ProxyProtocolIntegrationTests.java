package io.tcpgateway.tcp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import javax.net.ssl.SSLSocket;

import io.tcpgateway.TestClient;
import io.tcpgateway.connection.ConnectionEvent;
import io.tcpgateway.connection.ConnectionRegistry;
import io.tcpgateway.connection.ConnectionSnapshot;
import io.tcpgateway.connection.EventLog;
import io.tcpgateway.connection.EventType;
import io.tcpgateway.connection.RejectReason;
import io.tcpgateway.support.HaproxyBackend;
import io.tcpgateway.support.HaproxyBackend.ProxyProtocol;
import io.tcpgateway.support.HaproxyServer;
import io.tcpgateway.support.TestCertificates;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;
import org.springframework.integration.ip.util.TestingUtilities;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The PROXY protocol on both listeners, over raw sockets that write v1 and v2 headers,
 * good and bad, and behind a real HAProxy: the registry, the events and the per-address
 * limit see the client's own address, and a refused connection gets not a byte.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "gateway.tcp.port=0", "gateway.tcp.proxy-protocol=true",
				"gateway.tcp.proxy-protocol-trusted=127.0.0.1/32,::1", "gateway.tcp.max-connections-per-address=2",
				"gateway.tls.port=0", "gateway.tls.bundle=gateway", "spring.security.user.password=secret" })
@AutoConfigureRestTestClient
class ProxyProtocolIntegrationTests {

	private static final byte[] V2_SIGNATURE = { '\r', '\n', '\r', '\n', 0, '\r', '\n', 'Q', 'U', 'I', 'T', '\n' };

	private static final int READ_TIMEOUT_MILLIS = 10_000;

	@RegisterExtension
	static final TestCertificates.PerClass certificates = new TestCertificates.PerClass();

	@Autowired
	AbstractServerConnectionFactory server;

	@Autowired
	ConnectionRegistry registry;

	@Autowired
	EventLog events;

	@Autowired
	RestTestClient http;

	private final List<Socket> sockets = new ArrayList<>();

	int port;

	@DynamicPropertySource
	static void bundle(DynamicPropertyRegistry registry) {
		certificates.serveAsBundle(registry);
	}

	@BeforeEach
	void findPort() {
		TestingUtilities.waitListening(this.server, 10_000L);
		this.port = this.server.getPort();
	}

	@AfterEach
	void closeSockets() throws IOException {
		for (Socket socket : this.sockets) {
			socket.close();
		}
		await().until(() -> this.registry.count() == 0);
	}

	@Test
	void takesTheClientAddressFromAVersion1Header() throws IOException {
		Socket socket = connect("127.0.0.1", this.port);
		TestClient client = TestClient.over(socket);
		client.sendRaw(v1("192.0.2.7", 40000));
		assertThat(client.readLine()).isEqualTo(TestClient.GREETING);
		ConnectionSnapshot snapshot = onlyConnection();
		assertThat(snapshot.transport()).isEqualTo("tcp");
		assertThat(snapshot.remoteAddress()).isEqualTo("192.0.2.7");
		assertThat(snapshot.remotePort()).isEqualTo(40000);
		assertThat(snapshot.proxy()).isEqualTo("127.0.0.1:" + socket.getLocalPort());
		assertThat(snapshot.id()).startsWith("192.0.2.7:40000:");
		assertThat(latest(EventType.OPENED).remoteAddress()).isEqualTo("192.0.2.7:40000");
		assertThat(client.exchange("behind a proxy")).isEqualTo("behind a proxy");
	}

	@Test
	void takesTheClientAddressFromAVersion2Header() throws IOException {
		TestClient client = TestClient.over(connect("127.0.0.1", this.port));
		client.sendRaw(v2("198.51.100.9", 50123));
		assertThat(client.readLine()).isEqualTo(TestClient.GREETING);
		ConnectionSnapshot snapshot = onlyConnection();
		assertThat(snapshot.remoteAddress()).isEqualTo("198.51.100.9");
		assertThat(snapshot.remotePort()).isEqualTo(50123);
		assertThat(snapshot.proxy()).startsWith("127.0.0.1:");
	}

	@Test
	void readsAHeaderSplitAcrossSeveralWrites() throws IOException {
		Socket socket = connect("127.0.0.1", this.port);
		socket.setTcpNoDelay(true);
		OutputStream out = socket.getOutputStream();
		byte[] header = v2("203.0.113.5", 1234);
		for (int i = 0; i < header.length; i += 5) {
			out.write(header, i, Math.min(5, header.length - i));
			out.flush();
		}
		TestClient client = TestClient.over(socket);
		assertThat(client.readLine()).isEqualTo(TestClient.GREETING);
		assertThat(onlyConnection().remoteAddress()).isEqualTo("203.0.113.5");
	}

	@Test
	void keepsApplicationDataThatArrivesWithTheHeader() throws IOException {
		TestClient client = TestClient.over(connect("127.0.0.1", this.port));
		client.sendRaw(concat(v1("192.0.2.8", 4000), "first line\r\n/calc 6*7\r\n".getBytes(StandardCharsets.UTF_8)));
		assertThat(client.readLine()).isEqualTo(TestClient.GREETING);
		assertThat(client.readLine()).isEqualTo("first line");
		assertThat(client.readLine()).isEqualTo("42");
		TestClient v2 = TestClient.over(connect("127.0.0.1", this.port));
		v2.sendRaw(concat(v2("192.0.2.9", 4001), "second\r\n".getBytes(StandardCharsets.UTF_8)));
		assertThat(v2.readLine()).isEqualTo(TestClient.GREETING);
		assertThat(v2.readLine()).isEqualTo("second");
	}

	@Test
	void closesAConnectionWithoutAHeaderSilently() throws IOException {
		Socket socket = connect("127.0.0.1", this.port);
		socket.getOutputStream().write("hello gateway, no header here\r\n".getBytes(StandardCharsets.US_ASCII));
		assertThat(socket.getInputStream().read()).isEqualTo(-1);
		assertThat(awaitRejection().detail()).startsWith("malformed header");
	}

	@Test
	void closesAMalformedHeaderSilently() throws IOException {
		Socket socket = connect("127.0.0.1", this.port);
		socket.getOutputStream().write("PROXY TCP4 999.0.0.1 127.0.0.1 1 2\r\n".getBytes(StandardCharsets.US_ASCII));
		assertThat(socket.getInputStream().read()).isEqualTo(-1);
		assertThat(awaitRejection().detail()).startsWith("malformed header");
	}

	@Test
	void closesAHeaderThatTakesLongerThanThreeSeconds() throws IOException {
		Socket socket = connect("127.0.0.1", this.port);
		long start = System.nanoTime();
		socket.getOutputStream().write("PROXY TCP4".getBytes(StandardCharsets.US_ASCII));
		assertThat(socket.getInputStream().read()).isEqualTo(-1);
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(2500),
				Duration.ofSeconds(6));
		assertThat(awaitRejection().detail()).isEqualTo("no header within 3s");
	}

	@Test
	void refusesAHeaderFromAnUntrustedPeer() throws IOException {
		Socket socket = connect("127.0.0.2", this.port);
		socket.getOutputStream().write(v1("192.0.2.7", 40000));
		assertThat(socket.getInputStream().read()).isEqualTo(-1);
		ConnectionEvent rejection = awaitRejection();
		assertThat(rejection.detail()).isEqualTo("untrusted proxy 127.0.0.2");
		assertThat(rejection.remoteAddress()).startsWith("127.0.0.2:");
	}

	@Test
	void acceptsALocalHeaderWithTheSocketsOwnAddresses() throws IOException {
		Socket socket = connect("127.0.0.1", this.port);
		TestClient client = TestClient.over(socket);
		client.sendRaw(concat(V2_SIGNATURE, new byte[] { 0x20, 0x00, 0, 0 }));
		assertThat(client.readLine()).isEqualTo(TestClient.GREETING);
		ConnectionSnapshot snapshot = onlyConnection();
		assertThat(snapshot.remoteAddress()).isEqualTo("127.0.0.1");
		assertThat(snapshot.remotePort()).isEqualTo(socket.getLocalPort());
		assertThat(snapshot.proxy()).isNull();
	}

	@Test
	void limitsConnectionsPerRealClientAddressNotPerProxy() throws IOException {
		long rejected = this.registry.traffic().rejected(RejectReason.PER_ADDRESS);
		for (int i = 0; i < 2; i++) {
			TestClient client = TestClient.over(connect("127.0.0.1", this.port));
			client.sendRaw(v1("192.0.2.50", 1000 + i));
			assertThat(client.readLine()).isEqualTo(TestClient.GREETING);
		}
		TestClient third = TestClient.over(connect("127.0.0.1", this.port));
		third.sendRaw(v1("192.0.2.50", 1002));
		assertThat(third.readLine()).isEqualTo("ERR too many connections from your address");
		assertThat(third.awaitClose()).isTrue();
		assertThat(latest(EventType.REJECTED).detail()).startsWith("too many connections from 192.0.2.50");
		assertThat(this.registry.traffic().rejected(RejectReason.PER_ADDRESS)).isEqualTo(rejected + 1);
		TestClient other = TestClient.over(connect("127.0.0.1", this.port));
		other.sendRaw(v1("192.0.2.51", 1003));
		assertThat(other.readLine()).isEqualTo(TestClient.GREETING);
		assertThat(this.registry.count()).isEqualTo(3);
	}

	@Test
	void readsTheHeaderBeforeTheTlsHandshake() throws IOException {
		int tlsPort = ((NettyServerConnectionFactory) this.server).getTlsPort();
		Socket socket = connect("127.0.0.1", tlsPort);
		socket.getOutputStream().write(v1("192.0.2.77", 7777));
		SSLSocket tls = (SSLSocket) certificates.get()
			.clientContext()
			.getSocketFactory()
			.createSocket(socket, "localhost", tlsPort, true);
		tls.startHandshake();
		TestClient client = TestClient.over(tls);
		assertThat(client.readLine()).isEqualTo(TestClient.GREETING);
		assertThat(client.exchange("secret")).isEqualTo("secret");
		ConnectionSnapshot snapshot = onlyConnection();
		assertThat(snapshot.transport()).isEqualTo("tls");
		assertThat(snapshot.remoteAddress()).isEqualTo("192.0.2.77");
		client.close();
	}

	@Test
	void showsTheClientsOwnAddressBehindHaproxyWithAVersion2Header() throws IOException {
		assertClientAddressBehindHaproxy(ProxyProtocol.V2);
	}

	@Test
	void showsTheClientsOwnAddressBehindHaproxyWithAVersion1Header() throws IOException {
		assertClientAddressBehindHaproxy(ProxyProtocol.V1);
	}

	@Test
	void passesTlsThroughHaproxyWithHealthChecksAndShowsTheClientsOwnAddress() throws IOException {
		int tlsPort = ((NettyServerConnectionFactory) this.server).getTlsPort();
		HaproxyBackend backend = HaproxyBackend.of("127.0.0.1", tlsPort, ProxyProtocol.V2).withHealthCheck();
		try (HaproxyServer haproxy = HaproxyServer.start(backend)) {
			Socket socket = connect("127.0.0.2", haproxy.port());
			SSLSocket tls = (SSLSocket) certificates.get()
				.clientContext()
				.getSocketFactory()
				.createSocket(socket, "localhost", haproxy.port(), true);
			tls.startHandshake();
			TestClient client = TestClient.over(tls);
			assertThat(client.readLine()).isEqualTo(TestClient.GREETING);
			assertThat(client.exchange("/calc 2+3*4")).isEqualTo("14");
			ConnectionSnapshot snapshot = this.registry.list()
				.stream()
				.filter((connection) -> connection.remotePort() == socket.getLocalPort())
				.findFirst()
				.orElseThrow();
			assertThat(snapshot.transport()).isEqualTo("tls");
			assertThat(snapshot.remoteAddress()).isEqualTo("127.0.0.2");
			assertThat(snapshot.proxy()).startsWith("127.0.0.1:");
			client.close();
		}
		assertThat(this.events.recent(1000))
			.noneMatch((event) -> event.type() == EventType.PROXY_REJECTED && event.remoteAddress() != null
					&& event.remoteAddress().startsWith("127.0.0.1:") && event.detail().startsWith("malformed"));
	}

	private void assertClientAddressBehindHaproxy(ProxyProtocol protocol) throws IOException {
		try (HaproxyServer haproxy = HaproxyServer.start(HaproxyBackend.of("127.0.0.1", this.port, protocol))) {
			Socket socket = connect("127.0.0.2", haproxy.port());
			TestClient client = TestClient.over(socket);
			assertThat(client.readLine()).isEqualTo(TestClient.GREETING);
			assertThat(client.exchange("through haproxy")).isEqualTo("through haproxy");
			ConnectionSnapshot snapshot = onlyConnection();
			assertThat(snapshot.remoteAddress()).isEqualTo("127.0.0.2");
			assertThat(snapshot.remotePort()).isEqualTo(socket.getLocalPort());
			assertThat(snapshot.proxy()).startsWith("127.0.0.1:");
			this.http.get()
				.uri("/actuator/connections")
				.headers((headers) -> headers.setBasicAuth("admin", "secret"))
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody()
				.jsonPath("$.connections[0].remoteAddress")
				.isEqualTo("127.0.0.2")
				.jsonPath("$.connections[0].remotePort")
				.isEqualTo(socket.getLocalPort())
				.jsonPath("$.connections[0].proxy")
				.isEqualTo(snapshot.proxy());
			socket.close();
			await().until(() -> this.registry.count() == 0);
		}
	}

	private Socket connect(String source, int port) throws IOException {
		Socket socket = new Socket();
		this.sockets.add(socket);
		socket.bind(new InetSocketAddress(InetAddress.getByName(source), 0));
		socket.connect(new InetSocketAddress("127.0.0.1", port), READ_TIMEOUT_MILLIS);
		socket.setSoTimeout(READ_TIMEOUT_MILLIS);
		return socket;
	}

	private byte[] v1(String client, int clientPort) {
		return ("PROXY TCP4 " + client + " 127.0.0.1 " + clientPort + " " + this.port + "\r\n")
			.getBytes(StandardCharsets.US_ASCII);
	}

	private byte[] v2(String client, int clientPort) throws IOException {
		ByteArrayOutputStream header = new ByteArrayOutputStream();
		header.write(V2_SIGNATURE);
		header.write(new byte[] { 0x21, 0x11, 0, 12 });
		header.write(InetAddress.getByName(client).getAddress());
		header.write(InetAddress.getLoopbackAddress().getAddress());
		header.write(
				new byte[] { (byte) (clientPort >> 8), (byte) clientPort, (byte) (this.port >> 8), (byte) this.port });
		return header.toByteArray();
	}

	private static byte[] concat(byte[] first, byte[] second) {
		byte[] both = new byte[first.length + second.length];
		System.arraycopy(first, 0, both, 0, first.length);
		System.arraycopy(second, 0, both, first.length, second.length);
		return both;
	}

	private ConnectionSnapshot onlyConnection() {
		await().until(() -> this.registry.count() == 1);
		return this.registry.list().get(0);
	}

	private ConnectionEvent awaitRejection() {
		await().until(() -> this.events.recent(100).stream().anyMatch((e) -> e.type() == EventType.PROXY_REJECTED));
		ConnectionEvent rejection = latest(EventType.PROXY_REJECTED);
		assertThat(this.registry.count()).isZero();
		return rejection;
	}

	private ConnectionEvent latest(EventType type) {
		return this.events.recent(1000).stream().filter((event) -> event.type() == type).findFirst().orElseThrow();
	}

}
