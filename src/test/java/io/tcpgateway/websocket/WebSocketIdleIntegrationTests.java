package io.tcpgateway.websocket;

import java.time.Duration;
import java.util.Map;

import io.tcpgateway.TestClient;
import io.tcpgateway.connection.ConnectionRegistry;
import io.tcpgateway.connection.ConnectionSnapshot;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A browser that sends nothing is closed after the idle timeout, and behind a trusted
 * proxy ({@code server.forward-headers-strategy=native}) it is listed under the address
 * the proxy forwarded.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "gateway.tcp.port=0", "gateway.tcp.idle-timeout=2s", "server.forward-headers-strategy=native" })
class WebSocketIdleIntegrationTests {

	@LocalServerPort
	int httpPort;

	@Autowired
	ConnectionRegistry registry;

	@Test
	void closesABrowserThatSendsNothingWithANotice() {
		try (BrowserSocket browser = BrowserSocket.connect(this.httpPort)) {
			assertThat(browser.next()).isEqualTo(TestClient.GREETING);
			assertThat(browser.exchange("still here")).isEqualTo("still here");
			assertThat(browser.next()).isEqualTo("ERR idle timeout (no input for 2s), closing");
			assertThat(browser.awaitClose()).isEqualTo(1000);
		}
		await().atMost(Duration.ofSeconds(20)).until(() -> this.registry.count() == 0);
	}

	@Test
	void listsABrowserBehindATrustedProxyUnderItsForwardedAddress() {
		try (BrowserSocket browser = BrowserSocket.connect(this.httpPort, Map.of("X-Forwarded-For", "203.0.113.7"))) {
			assertThat(browser.next()).isEqualTo(TestClient.GREETING);
			assertThat(this.registry.list()).extracting(ConnectionSnapshot::remoteAddress)
				.containsExactly("203.0.113.7");
		}
		await().atMost(Duration.ofSeconds(20)).until(() -> this.registry.count() == 0);
	}

}
