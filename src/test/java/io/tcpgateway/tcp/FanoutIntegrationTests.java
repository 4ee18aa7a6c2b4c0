package io.tcpgateway.tcp;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.tcpgateway.GatewayIntegrationTests;
import io.tcpgateway.TestClient;
import io.tcpgateway.connection.ConnectionSnapshot;
import io.tcpgateway.connection.EventLog;
import io.tcpgateway.connection.EventType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One line to many clients over real sockets, on two event loops: every member hears the
 * room's lines in one order and each sender's lines in order, on the sender's event loop
 * and on the other one, while members are kicked or hang up in the middle; and a client
 * that does not read is closed at the pending output limit. The leak detector, paranoid
 * in the tests, fails the class if a shared buffer is not released.
 */
@SpringBootTest(properties = { "gateway.tcp.port=0", "gateway.tcp.io-threads=2", "gateway.chat.max-lines-per-second=0",
		"gateway.tcp.max-pending-output=1MB" })
class FanoutIntegrationTests extends GatewayIntegrationTests {

	private static final int LINES_PER_SENDER = 150;

	@Autowired
	EventLog events;

	private final List<TestClient> clients = new ArrayList<>();

	private final ExecutorService senders = Executors.newFixedThreadPool(4);

	@AfterEach
	void closeClients() throws IOException {
		this.senders.shutdownNow();
		for (TestClient client : this.clients) {
			client.close();
		}
	}

	@Test
	void everyMemberHearsTheRoomInOneOrderAndEachSenderInOrderOnEveryEventLoop() throws Exception {
		List<TestClient> members = joinRoom(12);
		List<TestClient> talkers = members.subList(0, 4);
		sendConcurrently(talkers);

		Map<String, List<String>> heard = new HashMap<>();
		for (int i = 0; i < members.size(); i++) {
			int expected = (i < talkers.size() ? talkers.size() - 1 : talkers.size()) * LINES_PER_SENDER;
			heard.put("member" + i, readChat(members.get(i), expected));
		}
		// Clients are spread over the two loops in turn, so every sender has members on
		// its own event loop and on the other one: all of them heard every line.
		for (List<String> lines : heard.values()) {
			assertEachSenderInOrder(lines);
		}
		List<String> reference = heard.get("member" + (members.size() - 1));
		for (List<String> lines : heard.values()) {
			assertSameOrder(reference, lines);
		}
	}

	@Test
	void kicksAndHangUpsInTheMiddleOfAFanoutLoseNothingForTheOthers() throws Exception {
		List<TestClient> members = joinRoom(16);
		List<TestClient> talkers = members.subList(0, 2);
		List<TestClient> leaving = members.subList(10, 16);
		CompletableFuture<Void> sending = sendConcurrently(talkers);
		for (int i = 0; i < 3; i++) {
			int localPort = leaving.get(i).localPort();
			ConnectionSnapshot kicked = this.registry.list()
				.stream()
				.filter((connection) -> connection.remotePort() == localPort)
				.findFirst()
				.orElseThrow();
			this.registry.kick(kicked.id(), "BYE closed by an operator");
		}
		for (int i = 3; i < leaving.size(); i++) {
			leaving.get(i).socket().setSoLinger(true, 0);
			leaving.get(i).close();
		}
		sending.get();
		for (int i = 2; i < 10; i++) {
			List<String> lines = readChat(members.get(i), talkers.size() * LINES_PER_SENDER);
			assertEachSenderInOrder(lines);
		}
		await().atMost(Duration.ofSeconds(10)).until(() -> this.registry.count() == 10);
	}

	@Test
	void aClientThatDoesNotReadIsClosedAtThePendingOutputLimitNotAtTwiceIt() throws Exception {
		TestClient sleeper = TestClient.greetedWithReceiveBuffer(this.port, 4096);
		this.clients.add(sleeper);
		await().until(() -> this.registry.count() == 1);
		String id = this.registry.list().get(0).id();
		String alarm = "! " + "x".repeat(1022);
		long sent = 0;
		while (this.registry.get(id) != null && sent < 4L * 1024 * 1024) {
			for (int i = 0; i < 16; i++) {
				this.registry.broadcast(alarm);
			}
			sent += 16L * (alarm.length() + 2);
			long expected = sent;
			await().atMost(Duration.ofSeconds(5))
				.until(() -> this.registry.get(id) == null || this.registry.get(id).snapshot().bytesOut() >= expected);
		}
		// The limit is 1 MB; the socket buffers, made small here, hold some more.
		assertThat(sent).isBetween(1024L * 1024 / 2, 1024L * 1024 + 512 * 1024);
		assertThat(this.events.recent(10)).anyMatch((event) -> event.type() == EventType.SLOW_CONSUMER);
	}

	@TestConfiguration
	static class SmallSocketBuffers {

		/**
		 * A small send buffer on the gateway's side, so that the kernel cannot hide
		 * megabytes of a client's pending output from the test.
		 * @return the post-processor
		 */
		@Bean
		static BeanPostProcessor smallSendBuffer() {
			return new BeanPostProcessor() {

				@Override
				public Object postProcessBeforeInitialization(Object bean, String name) {
					if (bean instanceof NettyServerConnectionFactory server) {
						server.setSoSendBufferSize(16 * 1024);
					}
					return bean;
				}

			};
		}

	}

	private List<TestClient> joinRoom(int count) throws IOException {
		List<TestClient> members = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			TestClient member = TestClient.greeted(this.port);
			this.clients.add(member);
			assertThat(member.exchange("/mode chat")).startsWith("OK mode chat, you are ");
			members.add(member);
		}
		// Each member hears of everyone who joins after it.
		for (int i = 0; i < count; i++) {
			for (int joined = i + 1; joined < count; joined++) {
				assertThat(members.get(i).readLine()).endsWith(" joined");
			}
		}
		return members;
	}

	private CompletableFuture<Void> sendConcurrently(List<TestClient> talkers) throws Exception {
		List<CompletableFuture<Void>> sending = new ArrayList<>();
		for (int t = 0; t < talkers.size(); t++) {
			TestClient talker = talkers.get(t);
			String name = "s" + t;
			sending.add(CompletableFuture.runAsync(() -> {
				try {
					for (int n = 0; n < LINES_PER_SENDER; n++) {
						talker.send(name + " " + n);
					}
				}
				catch (IOException ex) {
					throw new IllegalStateException(ex);
				}
			}, this.senders));
		}
		return CompletableFuture.allOf(sending.toArray(CompletableFuture[]::new));
	}

	private static List<String> readChat(TestClient member, int expected) throws IOException {
		List<String> lines = new ArrayList<>(expected);
		while (lines.size() < expected) {
			String line = member.readLine();
			assertThat(line).as("line %d of %d", lines.size(), expected).isNotNull();
			if (line.startsWith("<")) {
				lines.add(line.substring(line.indexOf("> ") + 2));
			}
		}
		return lines;
	}

	private static void assertEachSenderInOrder(List<String> lines) {
		Map<String, Integer> next = new HashMap<>();
		for (String line : lines) {
			String[] parts = line.split(" ");
			int expected = next.getOrDefault(parts[0], 0);
			assertThat(Integer.parseInt(parts[1])).as("line from %s", parts[0]).isEqualTo(expected);
			next.put(parts[0], expected + 1);
		}
		assertThat(next.values()).allMatch((count) -> count == LINES_PER_SENDER);
	}

	/** Lines that both heard come in the same order: the room decided one order. */
	private static void assertSameOrder(List<String> reference, List<String> lines) {
		Map<String, Integer> position = new HashMap<>();
		for (int i = 0; i < reference.size(); i++) {
			position.put(reference.get(i), i);
		}
		int last = -1;
		for (String line : lines) {
			Integer at = position.get(line);
			if (at != null) {
				assertThat(at).as("position of %s", line).isGreaterThan(last);
				last = at;
			}
		}
	}

}
