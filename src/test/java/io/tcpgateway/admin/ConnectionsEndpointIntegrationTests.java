package io.tcpgateway.admin;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;

import io.tcpgateway.TestClient;
import io.tcpgateway.admin.ConnectionsEndpoint.OpenConnections;
import io.tcpgateway.connection.ConnectionSnapshot;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Integration tests for {@link ConnectionsEndpoint}.
 */
class ConnectionsEndpointIntegrationTests extends AbstractAdminIntegrationTests {

	@LocalServerPort
	int httpPort;

	@Test
	void listsEveryOpenConnection() throws IOException {
		List<TestClient> clients = connect(3);
		OpenConnections open = connections();
		assertThat(open.open()).isEqualTo(3).isEqualTo(open.connections().size());
		assertThat(open.connections()).extracting(ConnectionSnapshot::remotePort)
			.containsExactlyInAnyOrderElementsOf(clients.stream().map(TestClient::localPort).toList());
		int greetingBytes = TestClient.GREETING.getBytes(StandardCharsets.UTF_8).length + 2;
		assertThat(open.connections()).allSatisfy((connection) -> {
			assertThat(connection.id()).contains(":");
			assertThat(connection.remoteAddress()).isEqualTo("127.0.0.1");
			assertThat(connection.mode()).isEqualTo("echo");
			assertThat(connection.linesOut()).isEqualTo(1);
			assertThat(connection.bytesOut()).isEqualTo(greetingBytes);
			assertThat(connection.openedAt()).isNotNull();
			assertThat(connection.lastActivityAt()).isNotNull();
		});
	}

	@Test
	void countsEachConnectionsOwnTraffic() throws IOException {
		TestClient client = connect();
		assertThat(client.exchange("hello")).isEqualTo("hello");
		ConnectionSnapshot connection = connections().connections().get(0);
		assertThat(connection.linesIn()).isEqualTo(1);
		assertThat(connection.bytesIn()).isEqualTo("hello\n".length());
		assertThat(connection.linesOut()).isEqualTo(2);
	}

	@Test
	void leavesOutTheNickOfAConnectionWithoutOne() throws IOException {
		connect();
		asAdmin(this.http.get().uri("/actuator/connections")).exchange()
			.expectBody()
			.jsonPath("$.open")
			.isEqualTo(1)
			.jsonPath("$.connections[0].mode")
			.isEqualTo("echo")
			.jsonPath("$.connections[0].nick")
			.doesNotExist();
	}

	@Test
	void closesOnlyTheConnectionAnOperatorDeletesAfterANotice() throws IOException {
		List<TestClient> clients = connect(3);
		TestClient kicked = clients.get(0);
		asAdmin(this.http.delete().uri("/actuator/connections/{id}", idOf(kicked))).exchange()
			.expectStatus()
			.isNoContent();
		assertThat(kicked.readLine()).isEqualTo(ConnectionsEndpoint.CLOSE_NOTICE);
		assertThat(kicked.readLine()).isNull();
		assertThat(clients.get(1).exchange("still here")).isEqualTo("still here");
		assertThat(clients.get(2).exchange("me too")).isEqualTo("me too");
		await().until(() -> connections().open() == 2);
	}

	@Test
	void acceptsAConnectionIdWithPercentEncodedColons() throws IOException {
		TestClient kicked = connect();
		String encodedId = idOf(kicked).replace(":", "%3A");
		URI uri = URI.create("http://127.0.0.1:" + this.httpPort + "/actuator/connections/" + encodedId);
		asAdmin(this.http.delete().uri(uri)).exchange().expectStatus().isNoContent();
		assertThat(kicked.readLine()).isEqualTo(ConnectionsEndpoint.CLOSE_NOTICE);
		assertThat(kicked.readLine()).isNull();
	}

	@Test
	void answersNotFoundForAnUnknownConnection() throws IOException {
		connect();
		asAdmin(this.http.delete().uri("/actuator/connections/{id}", "127.0.0.1:1:2:no-such-connection")).exchange()
			.expectStatus()
			.isNotFound();
		assertThat(connections().open()).isEqualTo(1);
	}

}
