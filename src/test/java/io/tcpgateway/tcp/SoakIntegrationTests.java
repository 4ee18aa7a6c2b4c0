package io.tcpgateway.tcp;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import io.tcpgateway.ServerChecks;
import io.tcpgateway.TestClient;
import io.tcpgateway.connection.CloseReason;
import io.tcpgateway.connection.ConnectionRegistry;
import io.tcpgateway.connection.Traffic;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;
import org.springframework.integration.ip.util.TestingUtilities;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A bounded soak: clients churn connections and pipelined lines, then every count must
 * match exactly. Longer runs: {@code -Dsoak.clients=50 -Dsoak.seconds=300}.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "gateway.tcp.port=0")
class SoakIntegrationTests {

	private static final int CLIENTS = Integer.getInteger("soak.clients", 16);

	private static final Duration LENGTH = Duration.ofSeconds(Long.getLong("soak.seconds", 6));

	@Autowired
	AbstractServerConnectionFactory server;

	@Autowired
	ConnectionRegistry registry;

	@Test
	void answersEveryLineAndLeavesNothingOpen() throws Exception {
		TestingUtilities.waitListening(this.server, 10_000L);
		int port = this.server.getPort();
		int threadsBefore = ServerChecks.liveThreads();
		Traffic traffic = this.registry.traffic();
		long linesInBefore = traffic.linesIn();
		long openedBefore = traffic.opened();
		long closedBefore = closedTotal(traffic);
		long deadline = System.nanoTime() + LENGTH.toNanos();

		ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
		List<Future<long[]>> results = new ArrayList<>();
		for (int c = 0; c < CLIENTS; c++) {
			int id = c;
			results.add(pool.submit(() -> churn(port, id, deadline)));
		}
		long lines = 0;
		long connections = 0;
		for (Future<long[]> result : results) {
			long[] counts = result.get(LENGTH.toSeconds() + 60, TimeUnit.SECONDS);
			lines += counts[0];
			connections += counts[1];
		}
		pool.shutdown();

		await().atMost(Duration.ofSeconds(10)).until(() -> this.registry.count() == 0);
		assertThat(lines).isPositive();
		assertThat(traffic.linesIn() - linesInBefore).isEqualTo(lines);
		assertThat(traffic.opened() - openedBefore).isEqualTo(connections);
		long made = connections;
		await().atMost(Duration.ofSeconds(10)).until(() -> closedTotal(traffic) - closedBefore == made);
		ServerChecks.assertHealthy(port, this.registry, threadsBefore);
	}

	/** One client's loop; returns the lines it sent and the connections it made. */
	private static long[] churn(int port, int id, long deadline) throws IOException {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		long lines = 0;
		long connections = 0;
		while (System.nanoTime() < deadline) {
			try (TestClient client = TestClient.greeted(port)) {
				connections++;
				int batch = 1 + random.nextInt(64);
				String[] sent = new String[batch];
				for (int i = 0; i < batch; i++) {
					sent[i] = "c" + id + " n" + connections + " l" + i + " " + "x".repeat(random.nextInt(200));
				}
				client.send(sent);
				for (String line : sent) {
					assertThat(client.readLine()).isEqualTo(line);
				}
				lines += batch;
				if (random.nextInt(4) == 0) {
					client.send("/quit");
					lines++;
					assertThat(client.readLine()).isEqualTo("BYE");
				}
			}
		}
		return new long[] { lines, connections };
	}

	private static long closedTotal(Traffic traffic) {
		long total = 0;
		for (CloseReason reason : CloseReason.values()) {
			total += traffic.closed(reason);
		}
		return total;
	}

}
