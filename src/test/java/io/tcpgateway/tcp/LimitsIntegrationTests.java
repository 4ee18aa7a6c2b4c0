package io.tcpgateway.tcp;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.tcpgateway.GatewayIntegrationTests;
import io.tcpgateway.TestClient;
import io.tcpgateway.connection.ConnectionEvent;
import io.tcpgateway.connection.ConnectionRegistry;
import io.tcpgateway.connection.EventLog;
import io.tcpgateway.connection.EventType;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Each limit, broken over real sockets: what the client sees, the event recorded, and a
 * healthy server afterwards.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "gateway.tcp.port=0", "gateway.tcp.max-line-length=1000", "gateway.tcp.max-connections=5",
				"gateway.tcp.idle-timeout=2s", "gateway.tcp.max-pending-output=64KB" })
class LimitsIntegrationTests extends GatewayIntegrationTests {

	@Autowired
	EventLog events;

	@Autowired
	ConnectionRegistry connections;

	@Test
	void rejectsLinesLongerThanTheLimitThenCloses() throws IOException {
		try (TestClient client = TestClient.greeted(this.port)) {
			client.send("x".repeat(1000));
			assertThat(client.readLine()).hasSize(1000);
			client.send("y".repeat(1001));
			assertThat(client.readLine()).isEqualTo("ERR line too long (max 1000 bytes)");
			assertThat(client.awaitClose()).isTrue();
		}
		assertThat(latest(EventType.LINE_TOO_LONG).connectionId()).isNotNull();
		assertThat(latest(EventType.CLOSED).detail()).startsWith("limit");
	}

	@Test
	void rejectsALineWithoutEndingOnceItPassesTheLimit() throws IOException {
		try (TestClient client = TestClient.greeted(this.port)) {
			client.sendRaw(new byte[100_000]);
			assertThat(client.readLine()).isEqualTo("ERR line too long (max 1000 bytes)");
			assertThat(client.awaitClose()).isTrue();
		}
	}

	@Test
	void refusesConnectionsOverTheLimitWithoutDisturbingTheOthers() throws IOException {
		List<TestClient> clients = new ArrayList<>();
		try {
			for (int i = 0; i < 5; i++) {
				clients.add(TestClient.greeted(this.port));
			}
			try (TestClient extra = TestClient.connect(this.port)) {
				assertThat(extra.readLine()).isEqualTo("ERR server full");
				assertThat(extra.awaitClose()).isTrue();
			}
			assertThat(latest(EventType.REJECTED).detail()).contains("server full");
			for (TestClient client : clients) {
				client.send("still served");
				assertThat(client.readLine()).isEqualTo("still served");
			}
			assertThat(this.registry.count()).isEqualTo(5);
		}
		finally {
			for (TestClient client : clients) {
				client.close();
			}
		}
	}

	@Test
	void closesIdleConnectionsWithANotice() throws IOException {
		try (TestClient idle = TestClient.greeted(this.port); TestClient busy = TestClient.greeted(this.port)) {
			long start = System.nanoTime();
			for (int i = 0; i < 6; i++) {
				await().pollDelay(Duration.ofMillis(500)).until(() -> true);
				busy.send("keep alive " + i);
				assertThat(busy.readLine()).isEqualTo("keep alive " + i);
			}
			assertThat(idle.readLine()).isEqualTo("ERR idle timeout (no input for 2s), closing");
			assertThat(idle.awaitClose()).isTrue();
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(1500));
			busy.send("busy is still open");
			assertThat(busy.readLine()).isEqualTo("busy is still open");
		}
		assertThat(latest(EventType.IDLE_TIMEOUT).detail()).isEqualTo("no input for 2s");
	}

	@Test
	void closesClientsThatDoNotReadWithoutSlowingAnyoneElse() throws Exception {
		List<TestClient> sleepers = new ArrayList<>();
		try (TestClient active = TestClient.greeted(this.port)) {
			for (int i = 0; i < 4; i++) {
				sleepers.add(TestClient.greetedWithReceiveBuffer(this.port, 4096));
			}
			long heapBefore = usedHeapAfterGc();
			String line = "alarm ".repeat(170);
			long slowest = 0;
			for (int round = 0; round < 100; round++) {
				for (int i = 0; i < 40; i++) {
					this.connections.broadcast(line);
				}
				keepAwake(sleepers);
				long start = System.nanoTime();
				active.send("ping " + round);
				String reply = active.readLine();
				while (reply.startsWith("alarm")) {
					reply = active.readLine();
				}
				assertThat(reply).isEqualTo("ping " + round);
				slowest = Math.max(slowest, System.nanoTime() - start);
			}
			assertThat(Duration.ofNanos(slowest)).isLessThan(Duration.ofMillis(500));
			await().atMost(Duration.ofSeconds(10))
				.until(() -> this.events.recent(100)
					.stream()
					.filter((event) -> event.type() == EventType.SLOW_CONSUMER)
					.count() >= 4);
			assertThat(usedHeapAfterGc() - heapBefore).isLessThan(64L * 1024 * 1024);
		}
		finally {
			for (TestClient sleeper : sleepers) {
				sleeper.close();
			}
		}
	}

	/**
	 * Sleepers send a byte now and then, so the idle timeout does not close them first.
	 */
	private static void keepAwake(List<TestClient> sleepers) {
		for (TestClient sleeper : sleepers) {
			try {
				sleeper.sendRaw(new byte[] { 'z' });
			}
			catch (IOException ex) {
				// already closed as a slow consumer
			}
		}
	}

	private ConnectionEvent latest(EventType type) {
		return await().atMost(Duration.ofSeconds(5))
			.until(() -> this.events.recent(1000).stream().filter((event) -> event.type() == type).findFirst(),
					(found) -> found.isPresent())
			.orElseThrow();
	}

	private static long usedHeapAfterGc() {
		System.gc();
		return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
	}

}
