package io.tcpgateway.cluster;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import io.tcpgateway.TestClient;
import io.tcpgateway.support.RedisSentinel;
import io.tcpgateway.support.RedisServer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two nodes that find their Redis through three real sentinels, while the primary is
 * killed or hangs and Sentinel promotes the replica: local chat never stops, and
 * cross-node chat, {@code /who}, {@code /count} and names are whole again within the
 * failover plus a few seconds, with no restart of any node.
 */
class SentinelFailoverIntegrationTests {

	private static final Duration DOWN_AFTER = Duration.ofMillis(1000);

	private static final Duration FAILOVER_TIMEOUT = Duration.ofSeconds(3);

	private static final Duration WAIT = Duration.ofSeconds(60);

	// From the promotion to a whole cluster: a command timeout (2s) to see a hung
	// primary,
	// a node timeout (1.5s) to see a dead subscription, reconnects, and a loaded machine.
	private static final Duration WHOLE_AFTER_PROMOTION = Duration.ofSeconds(15);

	@Test
	void theClusterIsWholeAgainAfterThePrimaryIsKilled() throws Exception {
		failOver(RedisServer::kill);
	}

	@Test
	void theClusterIsWholeAgainAfterThePrimaryHangs() throws Exception {
		failOver(RedisServer::pause);
	}

	private void failOver(Consumer<RedisServer> fault) throws Exception {
		try (RedisServer primary = RedisServer.startOnFreePort();
				RedisServer replica = RedisServer.startOnFreePort("--replicaof", RedisServer.HOST,
						Integer.toString(primary.port()));
				RedisSentinel s1 = RedisSentinel.startOnFreePort(primary.port(), DOWN_AFTER, FAILOVER_TIMEOUT);
				RedisSentinel s2 = RedisSentinel.startOnFreePort(primary.port(), DOWN_AFTER, FAILOVER_TIMEOUT);
				RedisSentinel s3 = RedisSentinel.startOnFreePort(primary.port(), DOWN_AFTER, FAILOVER_TIMEOUT)) {
			await().atMost(WAIT)
				.until(() -> RedisServer.call(replica.port(), "INFO", "replication").contains("master_link_status:up"));
			await().atMost(WAIT).until(() -> s1.canFailOver() && s2.canFailOver() && s3.canFailOver());
			String sentinels = String.join(",",
					List.of(s1, s2, s3).stream().map((sentinel) -> RedisServer.HOST + ":" + sentinel.port()).toList());
			String[] throughSentinel = { "spring.data.redis.sentinel.master=" + RedisSentinel.MASTER,
					"spring.data.redis.sentinel.nodes=" + sentinels };
			try (ClusterTestNode a = ClusterTestNode.start("node-a", primary.port(), throughSentinel);
					ClusterTestNode b = ClusterTestNode.start("node-b", primary.port(), throughSentinel)) {
				TestClient ann = a.member("ann");
				TestClient amy = a.member("amy");
				assertThat(ann.readLine()).isEqualTo("* amy joined");
				await().atMost(WAIT)
					.until(() -> b.bean(ClusterView.class).members().containsAll(List.of("ann", "amy")));
				TestClient bob = b.member("bob");
				assertThat(ann.readLine()).isEqualTo("* bob joined");
				assertThat(amy.readLine()).isEqualTo("* bob joined");
				ann.send("before");
				assertThat(bob.readLine()).isEqualTo("<ann> before");
				assertThat(amy.readLine()).isEqualTo("<ann> before");

				long faultAt = System.nanoTime();
				fault.accept(primary);
				try {
					// Local chat goes on, line for line, until Sentinel names the
					// replica.
					int[] sent = { 0 };
					await().atMost(WAIT).until(() -> {
						ann.send("local " + sent[0]);
						assertThat(chat(amy)).isEqualTo("<ann> local " + sent[0]);
						sent[0]++;
						return s1.primaryPort() == replica.port();
					});
					Duration promoted = Duration.ofNanos(System.nanoTime() - faultAt);

					ClusterTestNode.awaitChat(ann, bob, "ann", WAIT);
					ClusterTestNode.awaitChat(bob, ann, "bob", WAIT);
					await().atMost(WAIT).untilAsserted(() -> assertThat(who(bob)).containsExactly("amy", "ann", "bob"));
					await().atMost(WAIT).untilAsserted(() -> assertThat(who(ann)).containsExactly("amy", "ann", "bob"));
					await().atMost(WAIT).untilAsserted(() -> assertThat(lastReply(bob, "/count")).isEqualTo("3"));
					TestClient late = b.client();
					await().atMost(WAIT)
						.untilAsserted(() -> assertThat(late.exchange("/nick AMY")).isEqualTo("ERR nickname in use"));
					Duration whole = Duration.ofNanos(System.nanoTime() - faultAt);
					System.out.println("sentinel failover: replica promoted after " + promoted.toMillis()
							+ "ms, cluster whole after " + whole.toMillis() + "ms");
					assertThat(whole.minus(promoted)).isLessThan(WHOLE_AFTER_PROMOTION);
					assertThat(replica.isRunning()).isTrue();
				}
				finally {
					if (primary.isRunning()) {
						primary.resume();
					}
				}
			}
		}
	}

	/**
	 * The next chat line, past the room notices that the outage brings.
	 */
	private static String chat(TestClient client) throws IOException {
		String line = client.readLine();
		while (line.startsWith("* ")) {
			line = client.readLine();
		}
		return line;
	}

	private static List<String> who(TestClient client) throws IOException {
		client.send("/who");
		List<String> names = new ArrayList<>();
		for (String line = chat(client); !line.equals("."); line = chat(client)) {
			names.add(line);
		}
		return names;
	}

	private static String lastReply(TestClient client, String command) throws IOException {
		client.send(command);
		return chat(client);
	}

}
