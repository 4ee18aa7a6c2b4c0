package io.tcpgateway.tcp;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

import io.tcpgateway.GatewayIntegrationTests;
import io.tcpgateway.TestClient;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The gateway's TCP basics over real loopback sockets: greeting, echo, order, half-close
 * and the open connection count.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "gateway.tcp.port=0")
class TcpServerIntegrationTests extends GatewayIntegrationTests {

	@Test
	void greetsEachClientOnConnectWithOneLine() throws IOException {
		try (TestClient client = TestClient.connect(this.port)) {
			assertThat(client.readLine()).isEqualTo("Mensagem do servidor!");
			client.send("after");
			assertThat(client.readLine()).isEqualTo("after");
		}
	}

	@Test
	void echoesLinesEndedByCrLfAndByBareLf() throws IOException {
		try (TestClient client = TestClient.greeted(this.port)) {
			client.sendRaw("telnet line\r\nnc line\nação ✓\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
			assertThat(client.readLine()).isEqualTo("telnet line");
			assertThat(client.readLine()).isEqualTo("nc line");
			assertThat(client.readLine()).isEqualTo("ação ✓");
		}
	}

	@Test
	void ignoresBlankAndWhitespaceOnlyLines() throws IOException {
		try (TestClient client = TestClient.greeted(this.port)) {
			client.sendRaw("\n\r\n   \t \r\nnext\n".getBytes());
			assertThat(client.readLine()).isEqualTo("next");
		}
	}

	@Test
	void returnsTenThousandPipelinedLinesCompleteAndInOrder() throws Exception {
		int lines = 10_000;
		StringBuilder all = new StringBuilder();
		for (int i = 0; i < lines; i++) {
			all.append("line ").append(i).append('\n');
		}
		try (TestClient client = TestClient.greeted(this.port)) {
			ExecutorService writer = Executors.newSingleThreadExecutor();
			Future<?> written = writer.submit(() -> client.sendRaw(all.toString().getBytes()));
			for (int i = 0; i < lines; i++) {
				assertThat(client.readLine()).isEqualTo("line " + i);
			}
			written.get(10, TimeUnit.SECONDS);
			writer.shutdown();
		}
	}

	@Test
	void keepsTheRepliesOfConcurrentClientsApart() throws Exception {
		int clients = 8;
		ExecutorService pool = Executors.newFixedThreadPool(clients);
		List<Future<List<String>>> results = new ArrayList<>();
		for (int c = 0; c < clients; c++) {
			String name = "client" + c;
			results.add(pool.submit(() -> {
				List<String> replies = new ArrayList<>();
				try (TestClient client = TestClient.greeted(this.port)) {
					for (int i = 0; i < 200; i++) {
						client.send(name + " " + i);
						replies.add(client.readLine());
					}
				}
				return replies;
			}));
		}
		for (int c = 0; c < clients; c++) {
			String name = "client" + c + " ";
			List<String> replies = results.get(c).get(30, TimeUnit.SECONDS);
			assertThat(replies).hasSize(200).allMatch((reply) -> reply.startsWith(name));
			assertThat(replies.get(199)).isEqualTo("client" + c + " 199");
		}
		pool.shutdown();
	}

	@Test
	void answersAHalfCloseByClosing() throws IOException {
		try (TestClient client = TestClient.greeted(this.port)) {
			client.send("last words");
			client.halfClose();
			assertThat(client.readLine()).isEqualTo("last words");
			assertThat(client.awaitClose()).isTrue();
		}
	}

	@Test
	void countsOpenConnectionsUpAndBackToExactlyZero() throws IOException {
		List<TestClient> clients = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			clients.add(TestClient.greeted(this.port));
		}
		await().atMost(5, TimeUnit.SECONDS).until(() -> this.registry.count() == 5);
		assertThat(this.registry.all()).hasSize(5);
		for (TestClient client : clients) {
			client.close();
		}
		await().atMost(5, TimeUnit.SECONDS).until(() -> this.registry.count() == 0);
		assertThat(this.registry.all()).isEmpty();
	}

	@Test
	void greetsFirstEvenWhileAlarmsStream() throws Exception {
		AtomicBoolean streaming = new AtomicBoolean(true);
		CompletableFuture<Void> alarms = CompletableFuture.runAsync(() -> {
			while (streaming.get()) {
				this.registry.broadcast("! storm");
				// pace it like a busy operator, 10,000 alarms a second, not a spin
				LockSupport.parkNanos(100_000);
			}
		});
		try {
			for (int i = 0; i < 200; i++) {
				try (TestClient client = TestClient.connect(this.port)) {
					assertThat(client.readLine()).isEqualTo(TestClient.GREETING);
				}
			}
		}
		finally {
			streaming.set(false);
			alarms.get(10, TimeUnit.SECONDS);
		}
	}

	@Test
	void countsBackToExactlyZeroAfterConnectionsResetAsTheyOpen() throws Exception {
		ExecutorService storm = Executors.newFixedThreadPool(4);
		try {
			List<Future<?>> done = new ArrayList<>();
			for (int t = 0; t < 4; t++) {
				done.add(storm.submit(() -> {
					for (int i = 0; i < 250; i++) {
						try (Socket socket = new Socket()) {
							socket.setSoLinger(true, 0);
							socket.connect(new InetSocketAddress("127.0.0.1", this.port), 5000);
						}
					}
					return null;
				}));
			}
			for (Future<?> future : done) {
				future.get(60, TimeUnit.SECONDS);
			}
		}
		finally {
			storm.shutdownNow();
		}
		await().atMost(10, TimeUnit.SECONDS).until(() -> this.registry.count() == 0 && this.registry.all().isEmpty());
	}

}
