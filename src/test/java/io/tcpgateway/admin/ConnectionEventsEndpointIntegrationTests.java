package io.tcpgateway.admin;

import java.io.IOException;
import java.util.List;
import java.util.Objects;

import io.tcpgateway.TestClient;
import io.tcpgateway.admin.ConnectionEventsEndpoint.RecentEvents;
import io.tcpgateway.connection.ConnectionEvent;
import io.tcpgateway.connection.EventType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Integration tests for {@link ConnectionEventsEndpoint}.
 */
class ConnectionEventsEndpointIntegrationTests extends AbstractAdminIntegrationTests {

	@Test
	void recordsWhenAConnectionOpensAndCloses() throws IOException {
		TestClient client = connect();
		String id = idOf(client);
		client.close();
		await().until(() -> types(eventsOf(id)).contains(EventType.CLOSED));
		List<ConnectionEvent> events = eventsOf(id);
		assertThat(types(events)).containsExactly(EventType.CLOSED, EventType.OPENED);
		assertThat(events).allSatisfy((event) -> {
			assertThat(event.remoteAddress()).isEqualTo("127.0.0.1:" + client.localPort());
			assertThat(event.at()).isNotNull();
			assertThat(event.detail()).isNotBlank();
		});
		assertThat(events.get(0).detail()).contains("client closed");
	}

	@Test
	void returnsAtMostTheLimitNewestFirst() throws IOException {
		TestClient first = connect();
		TestClient second = connect();
		List<ConnectionEvent> events = recent("/actuator/connectionevents?limit=2");
		assertThat(events).extracting(ConnectionEvent::connectionId).containsExactly(idOf(second), idOf(first));
		assertThat(types(events)).containsOnly(EventType.OPENED);
	}

	@Test
	void rejectsALimitBelowOne() {
		asAdmin(this.http.get().uri("/actuator/connectionevents?limit=0")).exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.error")
			.isEqualTo("limit must be at least 1");
	}

	private List<ConnectionEvent> eventsOf(String id) {
		return recent("/actuator/connectionevents").stream()
			.filter((event) -> id.equals(event.connectionId()))
			.toList();
	}

	private List<ConnectionEvent> recent(String uri) {
		return Objects
			.requireNonNull(asAdmin(this.http.get().uri(uri)).exchange()
				.expectStatus()
				.isOk()
				.expectBody(RecentEvents.class)
				.returnResult()
				.getResponseBody())
			.events();
	}

	private static List<EventType> types(List<ConnectionEvent> events) {
		return events.stream().map(ConnectionEvent::type).toList();
	}

}
