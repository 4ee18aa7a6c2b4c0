package io.tcpgateway.cluster;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.tcpgateway.TestClient;
import io.tcpgateway.support.GrafanaDashboard;
import io.tcpgateway.support.PrometheusServer;
import io.tcpgateway.support.RedisServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Grafana dashboard and the alert rules in {@code deploy/} against a real Prometheus
 * scraping two cluster nodes that have served some traffic: every panel's query, and
 * every alert's expression without its threshold, returns data.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(90);

	/** What Grafana would make of {@code $__rate_interval} with a 1s scrape interval. */
	private static final String RATE_INTERVAL = "15s";

	private static final Path ALERTS = Path.of("deploy", "prometheus", "alerts.yml");

	private final List<AutoCloseable> started = new ArrayList<>();

	private PrometheusServer prometheus;

	@BeforeAll
	void startClusterAndPrometheusAndDriveTraffic() throws IOException {
		RedisServer redis = started(RedisServer.startOnFreePort());
		ClusterTestNode a = started(
				ClusterTestNode.start("node-a", redis.port(), "gateway.chat.max-lines-per-second=2"));
		ClusterTestNode b = started(ClusterTestNode.start("node-b", redis.port(), "gateway.tcp.max-connections=3"));
		this.prometheus = started(PrometheusServer
			.start(List.of("127.0.0.1:" + a.httpPort(), "127.0.0.1:" + b.httpPort()), ALERTS.toAbsolutePath()));
		TestClient ann = a.member("ann");
		TestClient bob = b.member("bob");
		assertThat(ann.readLine()).isEqualTo("* bob joined");
		ann.send("hello bob");
		assertThat(skipNotices(bob)).isEqualTo("<ann> hello bob");
		// Over the chat rate of node-a: some lines are dropped as a flood.
		ann.send("one", "two", "three", "four", "five");
		assertThat(ann.readLine()).startsWith("ERR slow down");
		TestClient echo = a.client();
		assertThat(echo.exchange("ping")).isEqualTo("ping");
		assertThat(echo.exchange("/mode calc")).startsWith("OK");
		assertThat(echo.exchange("6*7")).isEqualTo("42");
		assertThat(echo.exchange("/no-such-command")).startsWith("ERR unknown command");
		// node-b holds bob and two more; the fourth client is refused.
		b.client();
		b.client();
		try (TestClient refused = TestClient.connect(b.tcpPort())) {
			assertThat(refused.readLine()).isEqualTo("ERR server full");
		}
		// jvm_gc_pause_seconds appears with the first collection after the nodes started.
		System.gc();
	}

	@AfterAll
	void stopEverything() throws Exception {
		for (int i = this.started.size() - 1; i >= 0; i--) {
			this.started.get(i).close();
		}
	}

	@Test
	void everyPanelQueryOfTheDashboardReturnsASeries() {
		List<GrafanaDashboard.Query> queries = GrafanaDashboard.read().queries();
		assertThat(queries).hasSizeGreaterThan(20);
		await().atMost(WAIT)
			.pollInterval(Duration.ofSeconds(1))
			.untilAsserted(() -> assertThat(queries).filteredOn(this::returnsNoSeries)
				.as("panel queries that return no series")
				.isEmpty());
	}

	@Test
	void everyAlertRuleWatchesSeriesThatTheNodesExposeAndNoneFires() {
		await().atMost(WAIT).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
			List<String> silent = new ArrayList<>();
			List<String> alerts = new ArrayList<>();
			for (JsonNode rule : this.prometheus.api("/api/v1/rules").get("groups").get(0).get("rules")) {
				alerts.add(rule.get("name").asString());
				assertThat(rule.get("health").asString()).as(rule.get("name").asString()).isEqualTo("ok");
				// The same expression without its comparison: the value the alert
				// compares.
				String watched = rule.get("query").asString().replaceFirst("\\s*(==|>|<)\\s*[0-9.]+\\s*$", "");
				if (this.prometheus.query(watched).isEmpty()) {
					silent.add(rule.get("name").asString() + ": " + watched);
				}
			}
			assertThat(alerts).hasSize(7);
			assertThat(silent).as("alert expressions that see no series").isEmpty();
		});
		assertThat(this.prometheus.query("ALERTS{alertstate=\"firing\"}")).as("firing alerts").isEmpty();
	}

	private static String skipNotices(TestClient client) throws IOException {
		String line = client.readLine();
		while (line != null && line.startsWith("* ")) {
			line = client.readLine();
		}
		return line;
	}

	private boolean returnsNoSeries(GrafanaDashboard.Query query) {
		try {
			return this.prometheus.query(query.resolved(RATE_INTERVAL)).isEmpty();
		}
		catch (IllegalStateException ex) {
			throw new IllegalStateException(query + " failed: " + ex.getMessage(), ex);
		}
	}

	private <T extends AutoCloseable> T started(T closeable) {
		this.started.add(closeable);
		return closeable;
	}

}
