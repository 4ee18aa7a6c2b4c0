package io.tcpgateway.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.awaitility.Awaitility.await;

/**
 * A real Prometheus on a free loopback port, scraping {@code /actuator/prometheus} of
 * some gateways every second under the job {@code tcp-gateway}, with its data in a
 * temporary folder, and its HTTP API for queries.
 */
public final class PrometheusServer implements AutoCloseable {

	private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);

	private static final JsonMapper json = JsonMapper.builder().build();

	private final int port;

	private final Path folder;

	private final ServerProcess process;

	private final HttpClient http = HttpClient.newHttpClient();

	private PrometheusServer(int port, Path folder, ServerProcess process) {
		this.port = port;
		this.folder = folder;
		this.process = process;
	}

	/**
	 * Starts Prometheus and waits until it is ready; skips or fails the test when it is
	 * not installed.
	 * @param targets the {@code host:port} of each gateway's HTTP side
	 * @param ruleFiles rule files to load and evaluate every second
	 * @return the running server
	 */
	public static PrometheusServer start(List<String> targets, Path... ruleFiles) {
		Path executable = ExternalProgram.prometheus();
		try {
			Path folder = Files.createTempDirectory("prometheus-");
			Path config = folder.resolve("prometheus.yml");
			Files.writeString(config, config(targets, ruleFiles));
			int port = FreePorts.loopback();
			PrometheusServer server = new PrometheusServer(port, folder,
					new ServerProcess(List.of(executable.toString(), "--config.file=" + config,
							"--storage.tsdb.path=" + folder.resolve("data"), "--web.listen-address=127.0.0.1:" + port),
							"prometheus-" + port));
			try {
				server.process.start();
				await().atMost(STARTUP_TIMEOUT).pollInterval(Duration.ofMillis(200)).until(server::isReady);
			}
			catch (RuntimeException ex) {
				server.close();
				throw ex;
			}
			return server;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String config(List<String> targets, Path... ruleFiles) {
		String rules = List.of(ruleFiles)
			.stream()
			.map((file) -> "  - " + file.toAbsolutePath() + "\n")
			.collect(Collectors.joining());
		String scraped = targets.stream().map((target) -> "'" + target + "'").collect(Collectors.joining(", "));
		return """
				global:
				  scrape_interval: 1s
				  scrape_timeout: 1s
				  evaluation_interval: 1s
				rule_files:
				%sscrape_configs:
				  - job_name: tcp-gateway
				    metrics_path: /actuator/prometheus
				    static_configs:
				      - targets: [%s]
				""".formatted(rules, scraped);
	}

	public int port() {
		return this.port;
	}

	/**
	 * Evaluates an instant query now.
	 * @param promql the query
	 * @return {@code data.result}, one element per series
	 */
	public JsonNode query(String promql) {
		return api("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8)).get("result");
	}

	/**
	 * Calls the HTTP API and checks that it succeeded.
	 * @param pathAndQuery e.g. {@code /api/v1/rules}
	 * @return {@code data}
	 */
	public JsonNode api(String pathAndQuery) {
		HttpResponse<String> response = get(pathAndQuery);
		JsonNode body = json.readTree(response.body());
		if (response.statusCode() != 200 || !"success".equals(body.path("status").asString())) {
			throw new IllegalStateException(pathAndQuery + " answered " + response.statusCode() + ": " + body);
		}
		return body.get("data");
	}

	private HttpResponse<String> get(String pathAndQuery) {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + pathAndQuery))
			.timeout(Duration.ofSeconds(10))
			.build();
		try {
			return this.http.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private boolean isReady() {
		this.process.assertAlive();
		try {
			return get("/-/ready").statusCode() == 200;
		}
		catch (UncheckedIOException ex) {
			return false;
		}
	}

	/**
	 * Stops the server this object started and deletes its data.
	 */
	@Override
	public void close() {
		this.process.stop();
		ServerProcess.deleteRecursively(this.folder);
	}

}
