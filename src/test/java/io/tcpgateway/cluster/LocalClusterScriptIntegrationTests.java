package io.tcpgateway.cluster;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.tcpgateway.TestClient;
import io.tcpgateway.support.ExternalProgram;
import io.tcpgateway.support.FreePorts;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code deploy/local-cluster.sh} as a newcomer runs it: it starts Redis, two nodes and
 * HAProxy, clients chat through HAProxy, and a stop signal ends everything.
 *
 * <p>
 * The test sends SIGTERM, which the script traps with SIGINT (Ctrl-C): a build started in
 * the background runs its children with SIGINT ignored, and bash cannot trap a signal
 * ignored when it started.
 */
class LocalClusterScriptIntegrationTests {

	@Test
	void startsAClusterThatClientsChatThroughAndStopsItAllOnAStopSignal() throws Exception {
		runTheScript(false);
	}

	@Test
	void startsAClusterBehindSentinelWithTheSentinelFlag() throws Exception {
		ExternalProgram.redisSentinel();
		runTheScript(true);
	}

	private void runTheScript(boolean sentinel) throws Exception {
		ExternalProgram.redisServer();
		ExternalProgram.haproxy();
		int listen = FreePorts.loopback();
		List<Integer> ports = new ArrayList<>(List.of(listen, FreePorts.loopback(), FreePorts.loopback(),
				FreePorts.loopback(), FreePorts.loopback(), FreePorts.loopback()));
		List<String> command = new ArrayList<>(List.of("bash", "deploy/local-cluster.sh"));
		if (sentinel) {
			command.add("--sentinel");
		}
		command.add("--gateway.cluster.heartbeat=200ms");
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		if (sentinel) {
			List<Integer> more = List.of(FreePorts.loopback(), FreePorts.loopback(), FreePorts.loopback(),
					FreePorts.loopback());
			ports.addAll(more);
			builder.environment().put("REPLICA_PORT", more.get(0).toString());
			builder.environment().put("SENTINEL_PORTS", more.get(1) + " " + more.get(2) + " " + more.get(3));
		}
		builder.environment().put("LISTEN_PORT", ports.get(0).toString());
		builder.environment().put("NODE1_PORT", ports.get(1).toString());
		builder.environment().put("NODE2_PORT", ports.get(2).toString());
		builder.environment().put("NODE1_HTTP_PORT", ports.get(3).toString());
		builder.environment().put("NODE2_HTTP_PORT", ports.get(4).toString());
		builder.environment().put("REDIS_PORT", ports.get(5).toString());
		builder.environment().put("GATEWAY_CLASSPATH", System.getProperty("java.class.path"));
		Process script = builder.start();
		List<String> output = new CopyOnWriteArrayList<>();
		Thread reader = new Thread(() -> {
			try (BufferedReader lines = new BufferedReader(
					new InputStreamReader(script.getInputStream(), StandardCharsets.UTF_8))) {
				String line;
				while ((line = lines.readLine()) != null) {
					output.add(line);
				}
			}
			catch (Exception ex) {
				output.add("read failed: " + ex);
			}
		});
		reader.start();
		try {
			await().atMost(Duration.ofSeconds(120))
				.untilAsserted(
						() -> assertThat(output).as(String.join("\n", output)).contains("Ctrl-C stops everything."));
			assertThat(output).anyMatch((line) -> line.contains("telnet 127.0.0.1 " + listen));
			if (sentinel) {
				assertThat(output).anyMatch((line) -> line.contains("sentinel: " + ports.get(7)));
			}

			TestClient ann = TestClient.greeted(listen);
			assertThat(ann.exchange("/nick ann")).isEqualTo("OK nick ann");
			assertThat(ann.exchange("/mode chat")).isEqualTo("OK mode chat, you are ann");
			TestClient bob = TestClient.greeted(listen);
			assertThat(bob.exchange("/nick bob")).isEqualTo("OK nick bob");
			assertThat(bob.exchange("/mode chat")).isEqualTo("OK mode chat, you are bob");
			assertThat(ann.readLine()).isEqualTo("* bob joined");
			ann.send("hi bob");
			// ann's join may reach bob's node after bob joined: it crossed Redis
			// meanwhile
			String heard = bob.readLine();
			if (heard.equals("* ann joined")) {
				heard = bob.readLine();
			}
			assertThat(heard).isEqualTo("<ann> hi bob");
			// the other node's count arrives with its next heartbeat
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(ann.exchange("/count")).isEqualTo("2"));
			// HAProxy's PROXY header gives the nodes each client's own port
			List<Integer> seen = new ArrayList<>(remotePorts(ports.get(3)));
			seen.addAll(remotePorts(ports.get(4)));
			assertThat(seen).contains(ann.localPort(), bob.localPort());

			new ProcessBuilder("kill", "-TERM", Long.toString(script.pid())).start().waitFor();
			assertThat(script.waitFor(60, TimeUnit.SECONDS)).as(String.join("\n", output)).isTrue();
			assertThat(script.exitValue()).isZero();
			assertThat(ann.awaitClose()).isTrue();
			reader.join(10_000);
			assertThat(output).contains("local-cluster: stopped");
			for (int port : ports) {
				assertThat(FreePorts.isListening(port)).as("port %d", port).isFalse();
			}
		}
		finally {
			List<ProcessHandle> started = script.descendants().toList();
			script.destroyForcibly();
			started.forEach(ProcessHandle::destroyForcibly);
		}
	}

	/**
	 * The client ports of a node's open connections, from {@code /actuator/connections}.
	 */
	private static List<Integer> remotePorts(int httpPort) throws Exception {
		HttpRequest request = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/actuator/connections"))
			.header("Authorization",
					"Basic " + Base64.getEncoder()
						.encodeToString("admin:local-cluster".getBytes(StandardCharsets.UTF_8)))
			.build();
		HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		List<Integer> ports = new ArrayList<>();
		JsonMapper.builder()
			.build()
			.readTree(response.body())
			.get("connections")
			.forEach((connection) -> ports.add(connection.get("remotePort").asInt()));
		return ports;
	}

}
