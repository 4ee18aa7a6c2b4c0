package io.tcpgateway.protocol;

import java.io.IOException;
import java.time.Duration;

import io.tcpgateway.TestClient;
import io.tcpgateway.connection.ConnectionRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;
import org.springframework.integration.ip.util.TestingUtilities;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A gateway whose connections start in chat mode, over real loopback sockets.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "gateway.tcp.port=0", "gateway.default-mode=chat" })
class ChatModeIntegrationTests {

	@Autowired
	AbstractServerConnectionFactory server;

	@Autowired
	ConnectionRegistry registry;

	private int port;

	@BeforeEach
	void findPort() {
		TestingUtilities.waitListening(this.server, 10_000L);
		this.port = this.server.getPort();
	}

	@AfterEach
	void nothingLeftOpen() {
		await().atMost(Duration.ofSeconds(10)).until(() -> this.registry.count() == 0);
	}

	@Test
	void joinsTheRoomOnConnect() throws IOException {
		try (TestClient ann = TestClient.greeted(this.port)) {
			String annName = ann.exchange("/nick");
			assertThat(annName).startsWith("guest");
			try (TestClient bob = TestClient.greeted(this.port)) {
				String bobName = bob.exchange("/nick");
				assertThat(bobName).startsWith("guest").isNotEqualTo(annName);
				assertThat(ann.readLine()).isEqualTo("* " + bobName + " joined");
				bob.send("hello ann");
				assertThat(ann.readLine()).isEqualTo("<" + bobName + "> hello ann");
				assertThat(bob.exchange("/mode")).isEqualTo("chat");
			}
		}
	}

}
