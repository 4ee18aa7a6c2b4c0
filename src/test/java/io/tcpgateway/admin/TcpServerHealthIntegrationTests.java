package io.tcpgateway.admin;

import java.io.IOException;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.Lifecycle;
import org.springframework.test.annotation.DirtiesContext;

import static org.awaitility.Awaitility.await;

/**
 * Integration tests for {@link TcpServerHealthIndicator} and the health groups.
 */
class TcpServerHealthIntegrationTests extends AbstractAdminIntegrationTests {

	@Autowired
	@Qualifier("tcpInboundAdapter")
	Lifecycle tcpInboundAdapter;

	@Test
	void reportsOnlyTheStatusToAnonymousCallers() {
		for (String path : new String[] { "/actuator/health", "/actuator/health/liveness",
				"/actuator/health/readiness" }) {
			this.http.get()
				.uri(path)
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody()
				.jsonPath("$.status")
				.isEqualTo("UP")
				.jsonPath("$.components")
				.doesNotExist()
				.jsonPath("$.details")
				.doesNotExist();
		}
	}

	@Test
	void refusesHealthDetailsToAWrongPassword() {
		this.http.get()
			.uri("/actuator/health")
			.headers((headers) -> headers.setBasicAuth(USER, "wrong-" + PASSWORD))
			.exchange()
			.expectStatus()
			.isUnauthorized();
	}

	@Test
	void reportsUpWithThePortAndConnectionsToTheAdmin() throws IOException {
		connect(2);
		asAdmin(this.http.get().uri("/actuator/health")).exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("UP")
			.jsonPath("$.components.tcpServer.status")
			.isEqualTo("UP")
			.jsonPath("$.components.tcpServer.details.port")
			.isEqualTo(this.tcpServer.getPort())
			.jsonPath("$.components.tcpServer.details.openConnections")
			.isEqualTo(2)
			.jsonPath("$.components.tcpServer.details.maxConnections")
			.isEqualTo(this.registry.maxConnections());
	}

	@Test
	void includesTheTcpServerInReadinessOnly() {
		asAdmin(this.http.get().uri("/actuator/health/readiness")).exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.components.tcpServer.status")
			.isEqualTo("UP");
		asAdmin(this.http.get().uri("/actuator/health/liveness")).exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.components.tcpServer")
			.doesNotExist();
	}

	@Test
	@DirtiesContext
	void reportsDownOnceTheTcpServerStopsListening() throws IOException {
		connect();
		this.tcpInboundAdapter.stop();
		await().until(() -> !this.tcpServer.isListening());
		asAdmin(this.http.get().uri("/actuator/health")).exchange()
			.expectStatus()
			.isEqualTo(503)
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("DOWN")
			.jsonPath("$.components.tcpServer.status")
			.isEqualTo("DOWN");
		this.http.get().uri("/actuator/health/readiness").exchange().expectStatus().isEqualTo(503);
		this.http.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
	}

}
