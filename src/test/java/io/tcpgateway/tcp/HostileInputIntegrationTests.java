package io.tcpgateway.tcp;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import io.tcpgateway.GatewayIntegrationTests;
import io.tcpgateway.TestClient;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Garbage, broken connections and storms over real sockets; the server must stay healthy
 * and leak nothing.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "gateway.tcp.port=0")
class HostileInputIntegrationTests extends GatewayIntegrationTests {

	@Test
	void survivesRandomBinaryBytes() throws IOException {
		byte[] garbage = new byte[256 * 1024];
		new Random(42).nextBytes(garbage);
		for (int i = 0; i < garbage.length; i++) {
			// telnet IAC starts negotiation, covered by its own test; here the bytes are
			// data
			garbage[i] = (garbage[i] == (byte) 0xFF) ? (byte) 0xFE : garbage[i];
		}
		try (TestClient client = TestClient.greeted(this.port)) {
			client.sendRaw(garbage);
			client.send("", "after the garbage");
			String line;
			do {
				line = client.readLine();
			}
			while (line != null && !line.equals("after the garbage"));
			assertThat(line).isEqualTo("after the garbage");
		}
	}

	@Test
	void decodesNulAndInvalidUtf8WithReplacementCharacters() throws IOException {
		try (TestClient client = TestClient.greeted(this.port)) {
			client.sendRaw(new byte[] { 'a', 0, 'b', (byte) 0xC3, (byte) 0x28, 'c', (byte) 0xFE, '\n' });
			assertThat(client.readLine()).isEqualTo("a\u0000b\uFFFD(c\uFFFD");
		}
	}

	@Test
	void removesTelnetNegotiationWithoutAnsweringIt() throws IOException {
		try (TestClient client = TestClient.greeted(this.port)) {
			client.sendRaw(new byte[] { (byte) 0xFF, (byte) 0xFD, 0x18, (byte) 0xFF, (byte) 0xFB, 0x1F, 'h', 'i',
					(byte) 0xFF, (byte) 0xFA, 0x18, 0x00, 'x', (byte) 0xFF, (byte) 0xF0, '\r', '\n' });
			assertThat(client.readLine()).isEqualTo("hi");
		}
	}

	@Test
	void forgetsALineCutOffByTheClientsDisconnect() throws IOException {
		long linesBefore = this.registry.traffic().linesIn();
		try (TestClient client = TestClient.greeted(this.port)) {
			client.send("/mode chat");
			assertThat(client.readLine()).startsWith("OK mode chat");
			client.sendRaw("/nick cutoff".getBytes(StandardCharsets.UTF_8));
		}
		await().atMost(Duration.ofSeconds(5)).until(() -> this.registry.count() == 0);
		assertThat(this.registry.traffic().linesIn()).isEqualTo(linesBefore + 1);
		try (TestClient other = TestClient.greeted(this.port)) {
			other.send("/nick cutoff");
			assertThat(other.readLine()).isEqualTo("OK nick cutoff");
		}
	}

	@Test
	void readsTelnetsCrNulAsACrAndDropsItAtTheEndOfALine() throws IOException {
		try (TestClient client = TestClient.greeted(this.port)) {
			client.sendRaw("/calc 2^10\r\0\r\n".getBytes(StandardCharsets.UTF_8));
			assertThat(client.readLine()).isEqualTo("1024");
			client.sendRaw("/echo hi\r\0\r\n".getBytes(StandardCharsets.UTF_8));
			assertThat(client.readLine()).isEqualTo("hi");
			client.sendRaw("a\r\0b\r\n".getBytes(StandardCharsets.UTF_8));
			assertThat(client.readLine()).isEqualTo("a\rb");
		}
	}

	@Test
	void survivesAResetInTheMiddleOfAReply() throws IOException {
		try (TestClient bystander = TestClient.greeted(this.port)) {
			for (int i = 0; i < 20; i++) {
				TestClient client = TestClient.greeted(this.port);
				client.send("/help", "x".repeat(8000), "x".repeat(8000), "/help");
				client.socket().setSoLinger(true, 0);
				client.close();
				long start = System.nanoTime();
				assertThat(bystander.exchange("still here " + i)).isEqualTo("still here " + i);
				assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
			}
			await().atMost(Duration.ofSeconds(5)).until(() -> this.registry.count() == 1);
		}
	}

	@Test
	void survivesAStormOfAThousandConnectAndCloses() throws IOException {
		long start = System.nanoTime();
		for (int i = 0; i < 1000; i++) {
			try (Socket socket = new Socket()) {
				socket.connect(new InetSocketAddress("127.0.0.1", this.port), 5000);
				if (i % 2 == 0) {
					socket.setSoLinger(true, 0);
				}
			}
		}
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
	}

	@Test
	void holdsThousandsOfSilentConnectionsWhileServingOthers() throws IOException {
		List<Socket> silent = new ArrayList<>();
		try {
			for (int i = 0; i < 2000; i++) {
				Socket socket = new Socket();
				socket.connect(new InetSocketAddress("127.0.0.1", this.port), 5000);
				silent.add(socket);
			}
			await().atMost(Duration.ofSeconds(20)).until(() -> this.registry.count() == 2000);
			long start = System.nanoTime();
			try (TestClient client = TestClient.greeted(this.port)) {
				client.send("served");
				assertThat(client.readLine()).isEqualTo("served");
			}
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
		}
		finally {
			for (Socket socket : silent) {
				socket.close();
			}
		}
	}

}
