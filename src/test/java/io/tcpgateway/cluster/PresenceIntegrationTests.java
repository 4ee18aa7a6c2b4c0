package io.tcpgateway.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.tcpgateway.TestClient;
import io.tcpgateway.support.RedisServer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Presence that cannot come back from the dead: a node that said goodbye or was dropped
 * stays gone whatever late message of it arrives, a node that really restarts comes back
 * with its members announced, a chat flood does not get a live node dropped, and a node
 * that stops publishes nothing after its goodbye and leaves no claim behind.
 */
class PresenceIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(20);

	@Test
	void aLateHeartbeatAfterGoodbyeDoesNotBringTheNodeBack() throws Exception {
		try (RedisServer redis = RedisServer.startOnFreePort();
				ClusterTestNode a = ClusterTestNode.start("node-a", redis.port());
				FakeNode x = new FakeNode(redis.port(), "node-x", 1000);
				FakeNode z = new FakeNode(redis.port(), "node-z", 1000)) {
			TestClient ann = a.member("ann");
			x.heartbeat("xena");
			await().atMost(WAIT).untilAsserted(() -> assertThat(who(ann)).containsExactly("ann", "xena"));
			x.publish("{\"v\":1,\"type\":\"bye\",\"node\":\"node-x\",\"epoch\":1000}");
			assertThat(ann.readLine()).isEqualTo("* xena left");

			x.heartbeat("xena");
			x.say("xena", "from the dead");
			// Another node's line after them: they have been taken.
			z.say("zed", "marker");
			assertThat(ann.readLine()).isEqualTo("<zed> marker");
			assertThat(who(ann)).containsExactly("ann");
		}
	}

	@Test
	void aLateHeartbeatAfterTheNodeWasDroppedDoesNotBringItBack() throws Exception {
		try (RedisServer redis = RedisServer.startOnFreePort();
				ClusterTestNode a = ClusterTestNode.start("node-a", redis.port());
				FakeNode x = new FakeNode(redis.port(), "node-x", 1000);
				FakeNode z = new FakeNode(redis.port(), "node-z", 1000)) {
			TestClient ann = a.member("ann");
			x.heartbeat("xena");
			assertThat(ann.readLine()).isEqualTo("* xena left");

			x.heartbeat("xena");
			x.say("xena", "from the dead");
			// Another node's line after them: they have been taken.
			z.say("zed", "marker");
			assertThat(ann.readLine()).isEqualTo("<zed> marker");
			assertThat(who(ann)).containsExactly("ann");
			assertThat(a.liveNodes()).doesNotContain("node-x");
		}
	}

	@Test
	void aRestartedNodeComesBackAsANewIncarnationWithItsMembersAnnounced() throws Exception {
		try (RedisServer redis = RedisServer.startOnFreePort();
				ClusterTestNode a = ClusterTestNode.start("node-a", redis.port());
				FakeNode x = new FakeNode(redis.port(), "node-x", 1000)) {
			TestClient ann = a.member("ann");
			x.heartbeat("xena");
			await().atMost(WAIT).untilAsserted(() -> assertThat(who(ann)).containsExactly("ann", "xena"));
			x.publish("{\"v\":1,\"type\":\"bye\",\"node\":\"node-x\",\"epoch\":1000}");
			assertThat(ann.readLine()).isEqualTo("* xena left");

			try (FakeNode restarted = new FakeNode(redis.port(), "node-x", 2000)) {
				restarted.heartbeat("xena", "xavier");
				assertThat(List.of(ann.readLine(), ann.readLine())).containsExactlyInAnyOrder("* xena joined",
						"* xavier joined");
				assertThat(who(ann)).containsExactly("ann", "xavier", "xena");
			}
		}
	}

	@Test
	void aChatFloodDoesNotGetALiveNodeDropped() throws Exception {
		try (RedisServer redis = RedisServer.startOnFreePort();
				ClusterTestNode a = ClusterTestNode.start("node-a", redis.port());
				ClusterTestNode b = ClusterTestNode.start("node-b", redis.port());
				FakeNode flooder = new FakeNode(redis.port(), "node-f", 1000)) {
			b.member("bob");
			await().atMost(WAIT).until(() -> a.bean(ClusterView.class).members().contains("bob"));
			// Far more than node-a's subscriber takes within a node timeout.
			String line = "{\"v\":1,\"type\":\"say\",\"node\":\"node-f\",\"nick\":\"fay\",\"text\":\"" + "x".repeat(200)
					+ "\"}";
			long until = System.nanoTime() + Duration.ofSeconds(3).toNanos();
			int checks = 0;
			while (System.nanoTime() < until) {
				flooder.flood(line, 5_000);
				assertThat(a.liveNodes()).contains("node-b");
				checks++;
			}
			assertThat(checks).isPositive();
			assertThat(a.bean(ClusterView.class).members()).containsExactly("bob");
		}
	}

	@Test
	void aStoppedNodePublishesNothingAfterItsGoodbyeAndLeavesNoClaims() throws Exception {
		try (RedisServer redis = RedisServer.startOnFreePort();
				ClusterTestNode a = ClusterTestNode.start("node-a", redis.port());
				FakeNode watcher = new FakeNode(redis.port(), "watcher", 1)) {
			ClusterTestNode b = ClusterTestNode.start("node-b", redis.port());
			TestClient ann = a.member("ann");
			b.member("bob");
			assertThat(ann.readLine()).isEqualTo("* bob joined");
			List<String> fromB = watcher.watch("node-b");
			assertThat(watcher.keys()).contains("tcp-gateway:node:node-b", "tcp-gateway:name:bob");

			b.close();
			assertThat(ann.readLine()).isEqualTo("* bob left");
			assertThat(watcher.keys()).doesNotContain("tcp-gateway:node:node-b", "tcp-gateway:name:bob");
			// Three heartbeats more: nothing comes from node-b after its goodbye.
			await().during(Duration.ofMillis(600)).atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
				assertThat(fromB).isNotEmpty();
				assertThat(fromB.get(fromB.size() - 1)).contains("\"type\":\"bye\"");
			});
			assertThat(watcher.keys()).doesNotContain("tcp-gateway:node:node-b", "tcp-gateway:name:bob");
		}
	}

	private static List<String> who(TestClient client) throws Exception {
		client.send("/who");
		List<String> names = new ArrayList<>();
		for (String line = client.readLine(); !line.equals("."); line = client.readLine()) {
			names.add(line);
		}
		return names;
	}

	/**
	 * A node that exists only as messages this test publishes, over a Redis client of the
	 * test's own, which also watches the channels.
	 */
	static final class FakeNode implements AutoCloseable {

		private final RedisClient client;

		private final StatefulRedisConnection<String, String> connection;

		private final String node;

		private final long epoch;

		private StatefulRedisPubSubConnection<String, String> subscriber;

		FakeNode(int port, String node, long epoch) {
			this.client = RedisClient.create(RedisURI.create(RedisServer.HOST, port));
			this.connection = this.client.connect();
			this.node = node;
			this.epoch = epoch;
		}

		void heartbeat(String... members) {
			publish("{\"v\":1,\"type\":\"heartbeat\",\"node\":\"" + this.node + "\",\"epoch\":" + this.epoch
					+ ",\"connections\":" + members.length + ",\"members\":[" + quoted(members) + "]}");
		}

		void say(String nick, String text) {
			publish("{\"v\":1,\"type\":\"say\",\"node\":\"" + this.node + "\",\"epoch\":" + this.epoch + ",\"nick\":\""
					+ nick + "\",\"text\":\"" + text + "\"}");
		}

		void publish(String message) {
			this.connection.sync().publish(ClusterConfiguration.TOPIC, message);
		}

		/**
		 * Publishes one message many times, pipelined, and waits for Redis to take them.
		 */
		void flood(String message, int times) {
			RedisAsyncCommands<String, String> async = this.connection.async();
			List<io.lettuce.core.RedisFuture<Long>> sent = new ArrayList<>(times);
			for (int i = 0; i < times; i++) {
				sent.add(async.publish(ClusterConfiguration.TOPIC, message));
			}
			sent.forEach((future) -> {
				try {
					future.get();
				}
				catch (Exception ex) {
					throw new IllegalStateException(ex);
				}
			});
		}

		List<String> keys() {
			return this.connection.sync().keys(NameClaims.PREFIX + "*");
		}

		/**
		 * Collects every message of a node on any of the gateway's channels from now on.
		 * @return the messages, as they come
		 */
		List<String> watch(String node) {
			List<String> messages = new CopyOnWriteArrayList<>();
			this.subscriber = this.client.connectPubSub();
			this.subscriber.addListener(new RedisPubSubAdapter<>() {

				@Override
				public void message(String pattern, String channel, String message) {
					if (message.contains("\"node\":\"" + node + "\"")) {
						messages.add(message);
					}
				}

			});
			this.subscriber.sync().psubscribe(NameClaims.PREFIX + "*");
			return messages;
		}

		private static String quoted(String... names) {
			return String.join(",", List.of(names).stream().map((name) -> "\"" + name + "\"").toList());
		}

		@Override
		public void close() {
			if (this.subscriber != null) {
				this.subscriber.close();
			}
			this.connection.close();
			this.client.shutdown();
		}

	}

}
