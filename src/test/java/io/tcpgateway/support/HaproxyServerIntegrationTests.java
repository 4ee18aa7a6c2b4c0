package io.tcpgateway.support;

import java.io.DataInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;

import io.tcpgateway.support.HaproxyBackend.ProxyProtocol;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link HaproxyServer} against a real {@code haproxy}: a plain socket backend
 * reads the PROXY header that names the client's own address, 127.0.0.2.
 */
class HaproxyServerIntegrationTests {

	private static final byte[] V2_SIGNATURE = { '\r', '\n', '\r', '\n', 0, '\r', '\n', 'Q', 'U', 'I', 'T', '\n' };

	private static final int TIMEOUT_MILLIS = 10_000;

	@Test
	void sendsTheClientAddressInAVersion2Header() throws Exception {
		try (ServerSocket backend = backend();
				HaproxyServer haproxy = HaproxyServer
					.start(HaproxyBackend.of("127.0.0.1", backend.getLocalPort(), ProxyProtocol.V2));
				Socket client = clientFrom127002(haproxy.port());
				Socket accepted = backend.accept()) {
			accepted.setSoTimeout(TIMEOUT_MILLIS);
			client.getOutputStream().write("hello\n".getBytes(StandardCharsets.US_ASCII));
			DataInputStream in = new DataInputStream(accepted.getInputStream());

			assertThat(in.readNBytes(12)).isEqualTo(V2_SIGNATURE);
			assertThat(in.readUnsignedByte()).as("version 2, PROXY command").isEqualTo(0x21);
			assertThat(in.readUnsignedByte()).as("TCP over IPv4").isEqualTo(0x11);
			int length = in.readUnsignedShort();
			assertThat(length).isGreaterThanOrEqualTo(12);
			assertThat(InetAddress.getByAddress(in.readNBytes(4)).getHostAddress()).isEqualTo("127.0.0.2");
			assertThat(InetAddress.getByAddress(in.readNBytes(4)).getHostAddress()).isEqualTo("127.0.0.1");
			assertThat(in.readUnsignedShort()).isEqualTo(client.getLocalPort());
			assertThat(in.readUnsignedShort()).isEqualTo(haproxy.port());
			in.readNBytes(length - 12);
			assertThat(new String(in.readNBytes(6), StandardCharsets.US_ASCII)).isEqualTo("hello\n");
		}
	}

	@Test
	void sendsTheClientAddressInAVersion1Header() throws Exception {
		try (ServerSocket backend = backend();
				HaproxyServer haproxy = HaproxyServer
					.start(HaproxyBackend.of("127.0.0.1", backend.getLocalPort(), ProxyProtocol.V1));
				Socket client = clientFrom127002(haproxy.port());
				Socket accepted = backend.accept()) {
			accepted.setSoTimeout(TIMEOUT_MILLIS);
			client.getOutputStream().write("hello\n".getBytes(StandardCharsets.US_ASCII));
			String expected = "PROXY TCP4 127.0.0.2 127.0.0.1 " + client.getLocalPort() + " " + haproxy.port()
					+ "\r\nhello\n";
			byte[] received = accepted.getInputStream().readNBytes(expected.length());
			assertThat(new String(received, StandardCharsets.US_ASCII)).isEqualTo(expected);
		}
	}

	@Test
	void relaysBothWaysWithoutAHeaderAndStopsListeningWhenClosed() throws Exception {
		int port;
		try (ServerSocket backend = backend();
				HaproxyServer haproxy = HaproxyServer
					.start(HaproxyBackend.of("127.0.0.1", backend.getLocalPort(), ProxyProtocol.NONE));
				Socket client = clientFrom127002(haproxy.port());
				Socket accepted = backend.accept()) {
			port = haproxy.port();
			client.setSoTimeout(TIMEOUT_MILLIS);
			accepted.setSoTimeout(TIMEOUT_MILLIS);
			client.getOutputStream().write("ping\n".getBytes(StandardCharsets.US_ASCII));
			assertThat(accepted.getInputStream().readNBytes(5)).asString(StandardCharsets.US_ASCII).isEqualTo("ping\n");
			accepted.getOutputStream().write("pong\n".getBytes(StandardCharsets.US_ASCII));
			assertThat(client.getInputStream().readNBytes(5)).asString(StandardCharsets.US_ASCII).isEqualTo("pong\n");
		}
		assertThat(FreePorts.isListening(port)).isFalse();
	}

	@Test
	void rendersHealthChecksThatSendTheHeader() {
		String config = HaproxyConfig.render(8080,
				List.of(HaproxyBackend.of("127.0.0.1", 9080, ProxyProtocol.V2).withHealthCheck()));
		assertThat(config).contains("balance leastconn")
			.contains("server gateway1 127.0.0.1:9080 send-proxy-v2 check inter 1s check-send-proxy")
			.contains("timeout client 1h");
	}

	private static ServerSocket backend() throws IOException {
		ServerSocket backend = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		backend.setSoTimeout(TIMEOUT_MILLIS);
		return backend;
	}

	private static Socket clientFrom127002(int port) throws IOException {
		Socket client = new Socket();
		client.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 0));
		client.connect(new InetSocketAddress(HaproxyServer.HOST, port), TIMEOUT_MILLIS);
		return client;
	}

}
