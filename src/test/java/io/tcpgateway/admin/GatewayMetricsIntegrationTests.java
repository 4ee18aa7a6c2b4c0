package io.tcpgateway.admin;

import io.tcpgateway.TestClient;
import java.io.IOException;
import java.util.List;
import java.util.Objects;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.Lifecycle;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Integration tests for {@link GatewayMetrics}.
 */
class GatewayMetricsIntegrationTests extends AbstractAdminIntegrationTests {

	@Autowired
	@Qualifier("tcpInboundAdapter")
	Lifecycle tcpInboundAdapter;

	@Test
	void exposesEveryTcpMeterToPrometheus() {
		String scrape = this.http.get()
			.uri("/actuator/prometheus")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		assertThat(scrape).contains("tcp_connections_open{transport=\"tcp\"} ",
				"tcp_connections_open{transport=\"websocket\"} ", "tcp_connections_opened_total ",
				"tcp_connections_rejected_total{reason=\"server-full\"} ",
				"tcp_connections_rejected_total{reason=\"per-address\"} ",
				"tcp_connections_closed_total{reason=\"kicked\"} ", "tcp_connections_closed_total{reason=\"client\"} ",
				"tcp_lines_received_total ", "tcp_lines_sent_total ", "tcp_bytes_received_total ",
				"tcp_bytes_sent_total ", "tcp_errors_total{type=\"line_too_long\"} ",
				"tcp_errors_total{type=\"slow_consumer\"} ", "tcp_errors_total{type=\"flood\"} ",
				"tcp_line_processing_seconds_count{kind=\"echo\"} ", "tcp_connections_max ", "tcp_server_listening ",
				"tcp_line_processing_seconds_bucket{kind=\"echo\",le=\"1.0E-4\"} ");
	}

	@Test
	void exposesTheConnectionLimit() {
		assertThat(value("tcp.connections.max")).isEqualTo(this.registry.maxConnections());
	}

	@Test
	@DirtiesContext
	void showsWhetherTheTcpServerListens() {
		assertThat(value("tcp.server.listening")).isEqualTo(1);
		this.tcpInboundAdapter.stop();
		await().until(() -> value("tcp.server.listening") == 0);
	}

	@Test
	void countsLinesAndBytesBothWays() throws IOException {
		double linesIn = value("tcp.lines.received");
		double bytesIn = value("tcp.bytes.received");
		double linesOut = value("tcp.lines.sent");
		TestClient client = connect();
		for (int i = 0; i < 3; i++) {
			assertThat(client.exchange("ping")).isEqualTo("ping");
		}
		assertThat(value("tcp.lines.received")).isEqualTo(linesIn + 3);
		assertThat(value("tcp.bytes.received")).isEqualTo(bytesIn + 3 * "ping\n".length());
		// The greeting and three echoes.
		assertThat(value("tcp.lines.sent")).isEqualTo(linesOut + 4);
	}

	@Test
	void countsConnectionsOpenedOpenAndClosedByReason() throws IOException {
		double opened = value("tcp.connections.opened");
		double kicked = value("tcp.connections.closed?tag=reason:kicked");
		List<TestClient> clients = connect(2);
		assertThat(value("tcp.connections.open")).isEqualTo(2);
		assertThat(value("tcp.connections.opened")).isEqualTo(opened + 2);
		asAdmin(this.http.delete().uri("/actuator/connections/{id}", idOf(clients.get(0)))).exchange()
			.expectStatus()
			.isNoContent();
		await().until(() -> value("tcp.connections.closed?tag=reason:kicked") == kicked + 1);
		assertThat(value("tcp.connections.open")).isEqualTo(1);
	}

	private double value(String metric) {
		Metric body = this.http.get()
			.uri("/actuator/metrics/" + metric)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(Metric.class)
			.returnResult()
			.getResponseBody();
		return Objects.requireNonNull(body).measurements().get(0).value();
	}

	record Metric(List<Measurement> measurements) {

	}

	record Measurement(String statistic, double value) {

	}

}
