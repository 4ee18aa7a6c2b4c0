package io.tcpgateway.support;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Grafana dashboard in {@code deploy/grafana}, read as JSON: its template variables
 * and every query of every panel.
 *
 * @param json the whole dashboard
 */
public record GrafanaDashboard(JsonNode json) {

	/** The dashboard the project ships. */
	public static final Path FILE = Path.of("deploy", "grafana", "tcp-gateway.json");

	public static GrafanaDashboard read() {
		return new GrafanaDashboard(JsonMapper.builder().build().readTree(FILE.toFile()));
	}

	/**
	 * The queries of every panel, rows included, in the order they appear.
	 * @return the queries
	 */
	public List<Query> queries() {
		List<Query> queries = new ArrayList<>();
		collect(this.json.get("panels"), queries);
		return queries;
	}

	/**
	 * The template variables.
	 * @return each variable's JSON
	 */
	public List<JsonNode> variables() {
		List<JsonNode> variables = new ArrayList<>();
		this.json.get("templating").get("list").forEach(variables::add);
		return variables;
	}

	private static void collect(JsonNode panels, List<Query> queries) {
		if (panels == null) {
			return;
		}
		for (JsonNode panel : panels) {
			String title = panel.get("title").asString();
			if (panel.has("targets")) {
				panel.get("targets").forEach((target) -> queries.add(new Query(title, target.get("expr").asString())));
			}
			collect(panel.get("panels"), queries);
		}
	}

	/**
	 * One panel query.
	 *
	 * @param panel the panel's title
	 * @param expr the PromQL, with Grafana's variables in it
	 */
	public record Query(String panel, String expr) {

		/**
		 * The PromQL as Grafana would send it with every instance chosen.
		 * @param rateInterval what {@code $__rate_interval} stands for, e.g. {@code 15s}
		 * @return the query
		 */
		public String resolved(String rateInterval) {
			return this.expr.replace("$instance", ".*").replace("$__rate_interval", rateInterval);
		}

		@Override
		public String toString() {
			return "panel \"" + this.panel + "\": " + this.expr;
		}

	}

}
