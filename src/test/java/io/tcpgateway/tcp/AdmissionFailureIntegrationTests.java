package io.tcpgateway.tcp;

import java.io.IOException;
import java.time.Duration;

import io.tcpgateway.TestClient;
import io.tcpgateway.chat.RemoteRooms;
import io.tcpgateway.connection.ConnectionRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;
import org.springframework.integration.ip.util.TestingUtilities;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A bug while a connection is admitted, after it was counted and greeted: the client is
 * told and closed, and the count goes back down, so no connection is left open whose
 * lines go nowhere.
 */
@SpringBootTest(properties = { "gateway.tcp.port=0", "gateway.default-mode=chat" })
class AdmissionFailureIntegrationTests {

	@Autowired
	AbstractServerConnectionFactory server;

	@Autowired
	ConnectionRegistry registry;

	@Test
	void aConnectionWhoseAdmissionFailsIsToldAndClosedAndNotCounted() throws IOException {
		TestingUtilities.waitListening(this.server, 10_000L);
		try (TestClient client = TestClient.greeted(this.server.getPort())) {
			assertThat(client.readLine()).isEqualTo("ERR internal error");
			assertThat(client.awaitClose()).isTrue();
		}
		await().atMost(Duration.ofSeconds(10)).until(() -> this.registry.count() == 0);
	}

	@TestConfiguration
	static class Bug {

		@Bean
		RemoteRooms failingGuestClaims() {
			return new InternalErrorIntegrationTests.FailingRemoteRooms((name) -> true);
		}

	}

}
