package io.tcpgateway.admin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import io.tcpgateway.support.ExternalProgram;
import io.tcpgateway.support.GrafanaDashboard;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The monitoring files in {@code deploy/}: the Prometheus configuration and alert rules
 * pass Debian's {@code promtool}, with the rules' unit tests, and the Grafana dashboard
 * is written the way dashboards on grafana.com are.
 */
class MonitoringFilesTests {

	private static final Path PROMETHEUS = Path.of("deploy", "prometheus");

	@Test
	void prometheusConfigurationIsValid() throws Exception {
		assertThat(promtool("check", "config", PROMETHEUS.resolve("prometheus.yml").toString()))
			.contains("SUCCESS: 1 rule files found");
	}

	@Test
	void alertRulesAreValid() throws Exception {
		assertThat(promtool("check", "rules", PROMETHEUS.resolve("alerts.yml").toString()))
			.contains("SUCCESS: 7 rules found");
	}

	@Test
	void everyAlertRuleFiresAndStaysQuietInItsUnitTests() throws Exception {
		assertThat(promtool("test", "rules", PROMETHEUS.resolve("alerts.test.yml").toString())).contains("SUCCESS");
	}

	@Test
	void dashboardHasADatasourceAndAnInstanceVariable() {
		List<JsonNode> variables = GrafanaDashboard.read().variables();
		assertThat(variables).extracting((variable) -> variable.get("name").asString())
			.containsExactly("datasource", "instance");
		assertThat(variables.get(0).get("type").asString()).isEqualTo("datasource");
		assertThat(variables.get(0).get("query").asString()).isEqualTo("prometheus");
		assertThat(variables.get(1).get("includeAll").asBoolean()).isTrue();
		assertThat(variables.get(1).get("allValue").asString()).isEqualTo(".*");
	}

	@Test
	void everyPanelQueryFiltersOnTheInstanceAndRatesOverTheRateInterval() {
		for (GrafanaDashboard.Query query : GrafanaDashboard.read().queries()) {
			String expr = query.expr();
			// Each metric selector carries the filter: as many filters as selectors.
			assertThat(count(expr, "instance=~\"$instance\"")).as(query.toString()).isEqualTo(count(expr, "{"));
			assertThat(count(expr, "[$__rate_interval]")).as(query.toString())
				.isEqualTo(count(expr, "rate(") + count(expr, "increase("));
		}
	}

	private static int count(String text, String part) {
		return text.split(Pattern.quote(part), -1).length - 1;
	}

	private static String promtool(String... arguments) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>();
		command.add(ExternalProgram.promtool().toString());
		command.addAll(List.of(arguments));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as(String.join(" ", command) + "\n" + output).isZero();
		return output;
	}

}
