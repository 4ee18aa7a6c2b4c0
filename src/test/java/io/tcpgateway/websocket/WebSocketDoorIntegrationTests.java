package io.tcpgateway.websocket;

import java.io.IOException;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;

import io.tcpgateway.TestClient;
import io.tcpgateway.connection.ConnectionRegistry;
import io.tcpgateway.connection.ConnectionSnapshot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;
import org.springframework.integration.ip.util.TestingUtilities;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Integration tests for {@link WebSocketDoor}: the same protocol, room, registry and
 * alarms as the TCP door, one line per text message.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "gateway.tcp.port=0",
				"spring.security.user.password=" + WebSocketDoorIntegrationTests.PASSWORD })
@AutoConfigureRestTestClient
class WebSocketDoorIntegrationTests {

	static final String PASSWORD = "test-secret";

	private static final String GREETING = TestClient.GREETING;

	private final List<AutoCloseable> clients = new ArrayList<>();

	@LocalServerPort
	int httpPort;

	@Autowired
	RestTestClient http;

	@Autowired
	AbstractServerConnectionFactory tcpServer;

	@Autowired
	ConnectionRegistry registry;

	@AfterEach
	void closeClients() throws Exception {
		for (AutoCloseable client : this.clients) {
			client.close();
		}
		await().atMost(Duration.ofSeconds(20)).until(() -> this.registry.count() == 0);
	}

	@Test
	void greetsFirstThenAnswersEachLineOfAMessageInOrder() {
		BrowserSocket browser = browser();
		assertThat(browser.next()).isEqualTo(GREETING);
		browser.send("hello\n/calc 6*7\r\n\n/mode");
		assertThat(browser.next()).isEqualTo("hello");
		assertThat(browser.next()).isEqualTo("42");
		assertThat(browser.next()).isEqualTo("echo");
	}

	@Test
	void sendsEachLineAsOneMessageWithoutItsEnding() {
		BrowserSocket browser = greetedBrowser();
		browser.send("/help");
		List<String> help = new ArrayList<>();
		String line;
		do {
			line = browser.next();
			help.add(line);
		}
		while (!line.equals("."));
		assertThat(help).hasSizeGreaterThan(5).noneMatch((text) -> text.contains("\r") || text.contains("\n"));
	}

	@Test
	void readsAMessageLongerThanTheContainerBufferInParts() {
		BrowserSocket browser = greetedBrowser();
		StringBuilder message = new StringBuilder();
		for (int i = 0; i < 10; i++) {
			message.append(String.valueOf((char) ('a' + i)).repeat(8000)).append('\n');
		}
		browser.send(message.toString());
		for (int i = 0; i < 10; i++) {
			assertThat(browser.next()).isEqualTo(String.valueOf((char) ('a' + i)).repeat(8000));
		}
	}

	@Test
	void listsCountsAndTagsABrowserLikeAnyConnection() throws IOException {
		BrowserSocket browser = greetedBrowser();
		TestClient telnet = telnet();
		assertThat(browser.exchange("/count")).isEqualTo("2");
		assertThat(telnet.exchange("/count")).isEqualTo("2");
		// A browser's line is counted once its send completes, which may be just after
		// the browser has it.
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
			ConnectionSnapshot snapshot = this.registry.list()
				.stream()
				.filter((connection) -> connection.transport().equals("websocket"))
				.findFirst()
				.orElseThrow();
			assertThat(snapshot.remoteAddress()).isEqualTo("127.0.0.1");
			assertThat(snapshot.remotePort()).isPositive();
			assertThat(snapshot.mode()).isEqualTo("echo");
			assertThat(snapshot.linesIn()).isEqualTo(1);
			assertThat(snapshot.linesOut()).isEqualTo(2);
		});
		asAdmin(this.http.get().uri("/actuator/connections")).exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.open")
			.isEqualTo(2)
			.jsonPath("$.connections[?(@.transport == 'websocket')].remoteAddress")
			.isEqualTo(List.of("127.0.0.1"));
		this.http.get()
			.uri("/actuator/metrics/tcp.connections.open?tag=transport:websocket")
			.exchange()
			.expectBody()
			.jsonPath("$.measurements[0].value")
			.isEqualTo(1.0);
	}

	@Test
	void chatsWithATcpClientBothWays() throws IOException {
		BrowserSocket browser = greetedBrowser();
		TestClient telnet = telnet();
		assertThat(browser.exchange("/nick webby")).isEqualTo("OK nick webby");
		assertThat(browser.exchange("/mode chat")).isEqualTo("OK mode chat, you are webby");
		assertThat(telnet.exchange("/nick telly")).isEqualTo("OK nick telly");
		assertThat(telnet.exchange("/mode chat")).isEqualTo("OK mode chat, you are telly");
		assertThat(browser.next()).isEqualTo("* telly joined");
		telnet.send("hello browser");
		assertThat(browser.next()).isEqualTo("<telly> hello browser");
		browser.send("hello telnet");
		assertThat(telnet.readLine()).isEqualTo("<webby> hello telnet");
		assertThat(browser.exchange("/who")).isEqualTo("telly");
		assertThat(browser.next()).isEqualTo("webby");
	}

	@Test
	void getsAnOperatorAlarm() throws IOException {
		BrowserSocket browser = greetedBrowser();
		TestClient telnet = telnet();
		asAdmin(this.http.post()
			.uri("/actuator/broadcast")
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"message\": \"maintenance at noon\"}")).exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.recipients")
			.isEqualTo(2);
		assertThat(browser.next()).isEqualTo("! maintenance at noon");
		assertThat(telnet.readLine()).isEqualTo("! maintenance at noon");
	}

	@Test
	void isKickedLikeATcpClient() {
		BrowserSocket browser = greetedBrowser();
		String id = this.registry.list().get(0).id();
		asAdmin(this.http.delete().uri("/actuator/connections/{id}", id)).exchange().expectStatus().isNoContent();
		assertThat(browser.next()).isEqualTo("BYE closed by an operator");
		assertThat(browser.awaitClose()).isEqualTo(1000);
		await().until(() -> this.registry.count() == 0);
	}

	@Test
	void quitsWithBye() {
		BrowserSocket browser = greetedBrowser();
		assertThat(browser.exchange("/quit")).isEqualTo("BYE");
		assertThat(browser.awaitClose()).isEqualTo(1000);
	}

	@Test
	void closesABrowserThatSendsBinary() {
		BrowserSocket browser = greetedBrowser();
		browser.sendBinary("hello\n".getBytes(StandardCharsets.UTF_8));
		assertThat(browser.awaitClose()).isEqualTo(1003);
		await().until(() -> this.registry.count() == 0);
	}

	@Test
	void refusesAPageFromAnotherOrigin() {
		assertThatExceptionOfType(CompletionException.class)
			.isThrownBy(() -> BrowserSocket.connect(this.httpPort, Map.of("Origin", "https://evil.example")))
			.withCauseInstanceOf(WebSocketHandshakeException.class)
			.satisfies((ex) -> assertThat(((WebSocketHandshakeException) ex.getCause()).getResponse().statusCode())
				.isEqualTo(403));
		assertThat(this.registry.count()).isZero();
	}

	@Test
	void acceptsThePageFromItsOwnOrigin() {
		BrowserSocket browser = track(
				BrowserSocket.connect(this.httpPort, Map.of("Origin", "http://127.0.0.1:" + this.httpPort)));
		assertThat(browser.next()).isEqualTo(GREETING);
	}

	@Test
	void ignoresXForwardedForUnlessTheForwardHeadersStrategySaysSo() {
		BrowserSocket browser = track(BrowserSocket.connect(this.httpPort, Map.of("X-Forwarded-For", "203.0.113.7")));
		assertThat(browser.next()).isEqualTo(GREETING);
		assertThat(this.registry.list()).extracting(ConnectionSnapshot::remoteAddress).containsExactly("127.0.0.1");
	}

	@Test
	void servesThePageToAnyoneAndKeepsTheAdminEndpointsProtected() {
		this.http.get()
			.uri("/")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.value((page) -> assertThat(page).contains("<script src=\"app.js\"", "style.css")
				.doesNotContain("http://", "https://"));
		for (String asset : List.of("/index.html", "/app.js", "/style.css")) {
			this.http.get().uri(asset).exchange().expectStatus().isOk();
		}
		this.http.get().uri("/actuator/connections").exchange().expectStatus().isUnauthorized();
		this.http.get().uri("/actuator/connectionevents").exchange().expectStatus().isUnauthorized();
		this.http.post()
			.uri("/actuator/broadcast")
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"message\": \"hi\"}")
			.exchange()
			.expectStatus()
			.isUnauthorized();
		this.http.delete().uri("/actuator/connections/x").exchange().expectStatus().isUnauthorized();
		this.http.get()
			.uri("/anything-else")
			.exchange()
			.expectStatus()
			.value((status) -> assertThat(status).isIn(401, 403));
		this.http.post().uri("/ws").exchange().expectStatus().value((status) -> assertThat(status).isIn(401, 403));
	}

	private BrowserSocket browser() {
		return track(BrowserSocket.connect(this.httpPort));
	}

	private BrowserSocket greetedBrowser() {
		BrowserSocket browser = browser();
		assertThat(browser.next()).isEqualTo(GREETING);
		return browser;
	}

	private TestClient telnet() throws IOException {
		TestingUtilities.waitListening(this.tcpServer, 10_000L);
		TestClient client = track(TestClient.connect(this.tcpServer.getPort()));
		assertThat(client.readLine()).isEqualTo(GREETING);
		return client;
	}

	private <T extends AutoCloseable> T track(T client) {
		this.clients.add(client);
		return client;
	}

	private static RestTestClient.RequestHeadersSpec<?> asAdmin(RestTestClient.RequestHeadersSpec<?> request) {
		return request.headers((headers) -> headers.setBasicAuth("admin", PASSWORD));
	}

}
