package io.tcpgateway.admin;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.tcpgateway.TestClient;
import io.tcpgateway.admin.ConnectionsEndpoint.OpenConnections;
import io.tcpgateway.connection.ConnectionRegistry;
import io.tcpgateway.connection.ConnectionSnapshot;
import org.junit.jupiter.api.AfterEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;
import org.springframework.integration.ip.util.TestingUtilities;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.springframework.test.web.servlet.client.RestTestClient.RequestHeadersSpec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The application on random ports, shared by the admin integration tests, with helpers
 * for TCP clients and authenticated requests; every test leaves no connection open.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "gateway.tcp.port=0",
				"spring.security.user.password=" + AbstractAdminIntegrationTests.PASSWORD })
@AutoConfigureRestTestClient
abstract class AbstractAdminIntegrationTests {

	static final String USER = "admin";

	static final String PASSWORD = "test-secret";

	private final List<TestClient> clients = new ArrayList<>();

	@Autowired
	RestTestClient http;

	@Autowired
	AbstractServerConnectionFactory tcpServer;

	@Autowired
	ConnectionRegistry registry;

	@AfterEach
	void closeClients() throws IOException {
		for (TestClient client : this.clients) {
			client.close();
		}
		// Tests share the application, so each must leave it as it found it.
		await().atMost(Duration.ofSeconds(10)).until(() -> this.registry.count() == 0);
	}

	TestClient connect() throws IOException {
		TestingUtilities.waitListening(this.tcpServer, 10_000L);
		TestClient client = TestClient.connect(this.tcpServer.getPort());
		assertThat(client.readLine()).isEqualTo(TestClient.GREETING);
		this.clients.add(client);
		return client;
	}

	List<TestClient> connect(int count) throws IOException {
		List<TestClient> connected = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			connected.add(connect());
		}
		return connected;
	}

	static RequestHeadersSpec<?> asAdmin(RequestHeadersSpec<?> request) {
		return request.headers((headers) -> headers.setBasicAuth(USER, PASSWORD));
	}

	OpenConnections connections() {
		return Objects.requireNonNull(asAdmin(this.http.get().uri("/actuator/connections")).exchange()
			.expectStatus()
			.isOk()
			.expectBody(OpenConnections.class)
			.returnResult()
			.getResponseBody());
	}

	String idOf(TestClient client) {
		return connections().connections()
			.stream()
			.filter((connection) -> connection.remotePort() == client.localPort())
			.map(ConnectionSnapshot::id)
			.findFirst()
			.orElseThrow();
	}

}
