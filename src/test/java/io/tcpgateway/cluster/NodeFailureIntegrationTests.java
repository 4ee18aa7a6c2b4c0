package io.tcpgateway.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.tcpgateway.TestClient;
import io.tcpgateway.support.FreePorts;
import io.tcpgateway.support.RedisServer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A node in a child JVM killed with SIGKILL: within the node timeout plus a heartbeat the
 * survivor announces that its members left, and drops them from {@code /who}, their
 * names, its connections from {@code /count}, and the node from
 * {@code /actuator/cluster}.
 */
class NodeFailureIntegrationTests {

	private static final Duration HEARTBEAT = Duration.ofMillis(200);

	private static final Duration NODE_TIMEOUT = Duration.ofMillis(1500);

	// For scheduling on a busy machine: the survivor's heartbeat thread and the client.
	private static final Duration SLACK = Duration.ofMillis(700);

	@Test
	void survivorsForgetAKilledNodeWithinTheNodeTimeoutAndAHeartbeat() throws Exception {
		try (RedisServer redis = RedisServer.startOnFreePort();
				ClusterTestNode a = ClusterTestNode.start("node-a", redis.port())) {
			int victimPort = FreePorts.loopback();
			Process victim = startChildNode("node-c", victimPort, redis.port());
			try {
				await().atMost(Duration.ofSeconds(60)).until(() -> {
					assertThat(victim.isAlive()).as("child node alive, see target/test-servers/node-c.log").isTrue();
					return FreePorts.isListening(victimPort);
				});
				TestClient ann = a.member("ann");
				TestClient bob = member(victimPort, "bob");
				assertThat(ann.readLine()).isEqualTo("* bob joined");
				TestClient cid = member(victimPort, "Cid");
				assertThat(ann.readLine()).isEqualTo("* Cid joined");
				TestClient.greeted(victimPort);
				await().atMost(Duration.ofSeconds(10))
					.untilAsserted(() -> assertThat(ann.exchange("/count")).isEqualTo("4"));
				assertThat(a.liveNodes()).containsExactly("node-a", "node-c");

				long killedAt = System.nanoTime();
				victim.destroyForcibly().waitFor();
				Set<String> notices = new HashSet<>(List.of(ann.readLine(), ann.readLine()));
				Duration took = Duration.ofNanos(System.nanoTime() - killedAt);
				assertThat(notices).containsExactlyInAnyOrder("* bob left", "* Cid left");
				assertThat(took).isLessThan(NODE_TIMEOUT.plus(HEARTBEAT).plus(SLACK));

				ann.send("/who");
				assertThat(List.of(ann.readLine(), ann.readLine())).containsExactly("ann", ".");
				TestClient other = a.client();
				assertThat(other.exchange("/nick BOB")).isEqualTo("OK nick BOB");
				assertThat(other.exchange("/nick cid")).isEqualTo("OK nick cid");
				assertThat(ann.exchange("/count")).isEqualTo("2");
				assertThat(a.liveNodes()).containsExactly("node-a");
				bob.close();
				cid.close();
			}
			finally {
				victim.destroyForcibly().waitFor();
			}
		}
	}

	private static TestClient member(int port, String nick) throws IOException {
		return ClusterTestNode.join(TestClient.greeted(port), nick);
	}

	/**
	 * Starts a gateway node in a JVM of its own, on this JVM's class path, so that it can
	 * be killed like a real process.
	 */
	private static Process startChildNode(String nodeId, int tcpPort, int redisPort) throws IOException {
		Path log = Path.of("target", "test-servers", nodeId + ".log");
		Files.createDirectories(log.getParent());
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
				"io.tcpgateway.TcpGatewayApplication", "--gateway.tcp.port=" + tcpPort, "--server.port=0",
				"--gateway.cluster.enabled=true", "--gateway.cluster.node-id=" + nodeId,
				"--gateway.cluster.heartbeat=" + HEARTBEAT.toMillis() + "ms",
				"--gateway.cluster.node-timeout=" + NODE_TIMEOUT.toMillis() + "ms",
				"--spring.data.redis.host=127.0.0.1", "--spring.data.redis.port=" + redisPort,
				"--spring.security.user.password=child-secret")
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
		return process;
	}

}
