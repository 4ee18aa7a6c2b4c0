package io.tcpgateway.tcp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.tcpgateway.GatewayIntegrationTests;
import io.tcpgateway.TestClient;
import io.tcpgateway.connection.Connection;
import io.tcpgateway.connection.ConnectionEvent;
import io.tcpgateway.connection.EventLog;
import io.tcpgateway.connection.EventType;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.integration.ip.tcp.connection.AbstractConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Clients that send much and read nothing, against a server with a small socket send
 * buffer, so that output backs up inside the gateway as it would on a slow link: they
 * block nobody, and the gateway closes them on time.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "gateway.tcp.port=0", "gateway.tcp.max-pending-output=256KB" })
@Import(BackpressureIntegrationTests.SmallSendBuffer.class)
class BackpressureIntegrationTests extends GatewayIntegrationTests {

	private static final String KICK_NOTICE = "BYE closed by an operator";

	@Autowired
	EventLog events;

	@Test
	void aFlooderThatNeverReadsDelaysNobodyAndIsClosedAsASlowConsumer() throws Exception {
		try (TestClient flooder = TestClient.greetedWithReceiveBuffer(this.port, 4096);
				TestClient other = TestClient.greeted(this.port)) {
			CompletableFuture<Void> flood = floodInBackground(flooder, 20_000);
			await().atMost(Duration.ofSeconds(10)).until(() -> linesIn(flooder) > 100);

			long start = System.nanoTime();
			try (TestClient fresh = TestClient.connect(this.port)) {
				assertThat(fresh.readLine()).isEqualTo(TestClient.GREETING);
			}
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));

			assertThat(this.registry.kick(opened(other).id(), KICK_NOTICE)).isTrue();
			assertThat(other.readLine()).isEqualTo(KICK_NOTICE);
			assertThat(other.awaitClose()).isTrue();

			await().atMost(Duration.ofSeconds(10)).until(() -> closedAsSlowConsumer(flooder));
			flood.join();
		}
	}

	@Test
	void repliesCountTowardThePendingOutputLimit() throws Exception {
		List<TestClient> flooders = new ArrayList<>();
		List<CompletableFuture<Void>> floods = new ArrayList<>();
		try {
			for (int i = 0; i < 3; i++) {
				TestClient flooder = TestClient.greetedWithReceiveBuffer(this.port, 4096);
				flooders.add(flooder);
				floods.add(floodInBackground(flooder, 6000));
			}
			await().atMost(Duration.ofSeconds(20)).until(() -> flooders.stream().allMatch(this::closedAsSlowConsumer));
			floods.forEach(CompletableFuture::join);
		}
		finally {
			for (TestClient flooder : flooders) {
				flooder.close();
			}
		}
	}

	@Test
	void aKickedClientThatDoesNotReadIsClosedSoon() throws IOException {
		try (TestClient stuck = TestClient.greetedWithReceiveBuffer(this.port, 4096)) {
			for (int i = 0; i < 150; i++) {
				stuck.send("/help");
			}
			Connection connection = opened(stuck);
			await().atMost(Duration.ofSeconds(10)).until(() -> connection.snapshot().linesIn() == 150);
			long start = System.nanoTime();
			assertThat(this.registry.kick(connection.id(), KICK_NOTICE)).isTrue();
			await().atMost(Duration.ofSeconds(8)).until(() -> this.registry.get(connection.id()) == null);
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(6));
			assertThat(latest(EventType.CLOSED, stuck).detail()).startsWith("kicked");
		}
	}

	private CompletableFuture<Void> floodInBackground(TestClient client, int lines) {
		byte[] flood = ("/help\n".repeat(lines) + "/quit\n").getBytes(StandardCharsets.UTF_8);
		return CompletableFuture.runAsync(() -> {
			try {
				client.sendRaw(flood);
			}
			catch (IOException ex) {
				// the gateway closed the flooder before it finished sending
			}
		});
	}

	private boolean closedAsSlowConsumer(TestClient client) {
		return this.events.recent(1000)
			.stream()
			.anyMatch((event) -> event.type() == EventType.SLOW_CONSUMER && endsWithPort(event, client))
				&& this.registry.all().stream().noneMatch((open) -> open.peer().port() == client.localPort());
	}

	/**
	 * Lines the gateway read from a client so far; a client already closed counts as all.
	 */
	private long linesIn(TestClient client) {
		return this.registry.all()
			.stream()
			.filter((connection) -> connection.peer().port() == client.localPort())
			.mapToLong((connection) -> connection.snapshot().linesIn())
			.findFirst()
			.orElse(Long.MAX_VALUE);
	}

	private Connection opened(TestClient client) {
		return this.registry.all()
			.stream()
			.filter((connection) -> connection.peer().port() == client.localPort())
			.findFirst()
			.orElseThrow();
	}

	private ConnectionEvent latest(EventType type, TestClient client) {
		return await().atMost(Duration.ofSeconds(5))
			.until(() -> this.events.recent(1000)
				.stream()
				.filter((event) -> event.type() == type && endsWithPort(event, client))
				.findFirst(), (found) -> found.isPresent())
			.orElseThrow();
	}

	private static boolean endsWithPort(ConnectionEvent event, TestClient client) {
		return event.remoteAddress() != null && event.remoteAddress().endsWith(":" + client.localPort());
	}

	/**
	 * Gives every accepted socket a small send buffer, as a slow link would.
	 */
	@TestConfiguration(proxyBeanMethods = false)
	static class SmallSendBuffer {

		@Bean
		static BeanPostProcessor smallSendBuffer() {
			return new BeanPostProcessor() {

				@Override
				public Object postProcessBeforeInitialization(Object bean, String beanName) {
					if (bean instanceof AbstractConnectionFactory factory) {
						factory.setSoSendBufferSize(4096);
					}
					return bean;
				}

			};
		}

	}

}
