package io.tcpgateway.websocket;

import java.io.IOException;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;

import io.tcpgateway.TestClient;
import io.tcpgateway.connection.ConnectionEvent;
import io.tcpgateway.connection.ConnectionRegistry;
import io.tcpgateway.connection.ErrorType;
import io.tcpgateway.connection.EventLog;
import io.tcpgateway.connection.EventType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;
import org.springframework.integration.ip.util.TestingUtilities;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The TCP limits hold for browsers too: line length, connection count, chat rate and
 * pending output, and only the allowed origins may open the door.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "gateway.tcp.port=0", "gateway.tcp.max-line-length=100", "gateway.tcp.max-connections=3",
				"gateway.tcp.max-pending-output=64KB", "gateway.websocket.allowed-origins=https://chat.example" })
class WebSocketLimitsIntegrationTests {

	private final List<AutoCloseable> clients = new ArrayList<>();

	@LocalServerPort
	int httpPort;

	@Autowired
	AbstractServerConnectionFactory tcpServer;

	@Autowired
	ConnectionRegistry registry;

	@Autowired
	EventLog events;

	@AfterEach
	void closeClients() throws Exception {
		for (AutoCloseable client : this.clients) {
			client.close();
		}
		await().atMost(Duration.ofSeconds(20)).until(() -> this.registry.count() == 0);
	}

	@Test
	void closesABrowserThatSendsALineTooLong() {
		BrowserSocket browser = greetedBrowser();
		assertThat(browser.exchange("x".repeat(100))).isEqualTo("x".repeat(100));
		long before = this.registry.traffic().errors(ErrorType.LINE_TOO_LONG);
		// 51 two-byte characters: 102 bytes
		browser.send("ok\n" + "é".repeat(51) + "\nnever read");
		assertThat(browser.next()).isEqualTo("ok");
		assertThat(browser.next()).isEqualTo("ERR line too long (max 100 bytes)");
		assertThat(browser.awaitClose()).isEqualTo(1000);
		assertThat(this.registry.traffic().errors(ErrorType.LINE_TOO_LONG)).isEqualTo(before + 1);
	}

	@Test
	void refusesABrowserWhenTheServerIsFull() throws IOException {
		telnet();
		telnet();
		greetedBrowser();
		BrowserSocket extra = browser();
		assertThat(extra.next()).isEqualTo("ERR server full");
		assertThat(extra.awaitClose()).isEqualTo(1000);
		assertThat(this.registry.count()).isEqualTo(3);
	}

	@Test
	void dropsChatLinesOverTheRate() {
		BrowserSocket browser = greetedBrowser();
		assertThat(browser.exchange("/mode chat")).startsWith("OK mode chat");
		browser.send(String.join("\n", java.util.Collections.nCopies(30, "spam")));
		assertThat(browser.next()).isEqualTo("ERR slow down (max 20 chat lines per second)");
		assertThat(browser.exchange("/mode")).isEqualTo("chat");
	}

	@Test
	void acceptsTheAllowedOriginAndItsOwnAndRefusesOthers() {
		BrowserSocket allowed = track(BrowserSocket.connect(this.httpPort, Map.of("Origin", "https://chat.example")));
		assertThat(allowed.next()).isEqualTo(TestClient.GREETING);
		BrowserSocket own = track(
				BrowserSocket.connect(this.httpPort, Map.of("Origin", "http://127.0.0.1:" + this.httpPort)));
		assertThat(own.next()).isEqualTo(TestClient.GREETING);
		for (String origin : List.of("https://evil.example", "http://chat.example", "null")) {
			assertThatExceptionOfType(CompletionException.class)
				.isThrownBy(() -> BrowserSocket.connect(this.httpPort, Map.of("Origin", origin)))
				.withCauseInstanceOf(WebSocketHandshakeException.class);
		}
		assertThat(this.registry.count()).isEqualTo(2);
	}

	@Test
	void closesABrowserThatStopsReadingAsASlowConsumer() throws IOException {
		long before = this.registry.traffic().errors(ErrorType.SLOW_CONSUMER);
		track(StalledBrowser.open(this.httpPort));
		await().until(() -> this.registry.count("websocket") == 1);
		String line = "y".repeat(1000);
		await().atMost(Duration.ofSeconds(30)).until(() -> {
			for (int i = 0; i < 200; i++) {
				this.registry.broadcast(line);
			}
			return this.registry.count("websocket") == 0;
		});
		assertThat(this.registry.traffic().errors(ErrorType.SLOW_CONSUMER)).isEqualTo(before + 1);
		assertThat(this.events.recent(100)).filteredOn((event) -> event.type() == EventType.SLOW_CONSUMER)
			.extracting(ConnectionEvent::connectionId)
			.first()
			.asString()
			.contains(":ws-");
	}

	private BrowserSocket browser() {
		return track(BrowserSocket.connect(this.httpPort));
	}

	private BrowserSocket greetedBrowser() {
		BrowserSocket browser = browser();
		assertThat(browser.next()).isEqualTo(TestClient.GREETING);
		return browser;
	}

	private TestClient telnet() throws IOException {
		TestingUtilities.waitListening(this.tcpServer, 10_000L);
		TestClient client = track(TestClient.connect(this.tcpServer.getPort()));
		assertThat(client.readLine()).isEqualTo(TestClient.GREETING);
		return client;
	}

	private <T extends AutoCloseable> T track(T client) {
		this.clients.add(client);
		return client;
	}

}
