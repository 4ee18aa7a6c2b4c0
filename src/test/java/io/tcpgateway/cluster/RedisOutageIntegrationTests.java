package io.tcpgateway.cluster;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.tcpgateway.TestClient;
import io.tcpgateway.chat.ChatRoom;
import io.tcpgateway.support.RedisServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two nodes while their Redis stops and starts again on the same port: local clients are
 * served throughout, health and logs tell the outage once, and the cluster comes back
 * without a restart.
 */
@ExtendWith(OutputCaptureExtension.class)
class RedisOutageIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(20);

	@Test
	void nodesServeLocalClientsWhileRedisIsDownAndRejoinWhenItIsBack(CapturedOutput output) throws Exception {
		try (RedisServer redis = RedisServer.startOnFreePort();
				ClusterTestNode a = ClusterTestNode.start("node-a", redis.port());
				ClusterTestNode b = ClusterTestNode.start("node-b", redis.port())) {
			TestClient ann = a.member("ann");
			TestClient amy = a.member("amy");
			assertThat(ann.readLine()).isEqualTo("* amy joined");
			// node b knows both before bob joins, so their joins cannot reach him later
			await().atMost(WAIT).until(() -> b.bean(ChatRoom.class).who().containsAll(List.of("ann", "amy")));
			TestClient bob = b.member("bob");
			assertThat(ann.readLine()).isEqualTo("* bob joined");
			assertThat(amy.readLine()).isEqualTo("* bob joined");

			redis.stop();
			// Each member is told once, before anything else.
			for (TestClient member : List.of(ann, amy, bob)) {
				assertThat(member.readLine()).isEqualTo("* " + SplitNotices.SPLIT);
			}
			await().atMost(WAIT).untilAsserted(() -> assertThat(redisHealth(a)).isEqualTo("DOWN"));
			assertThat(a.getJson("/actuator/health/readiness").get("status").asString()).isEqualTo("UP");
			for (int i = 0; i < 20; i++) {
				ann.send("while down " + i);
				assertThat(amy.readLine()).isEqualTo("<ann> while down " + i);
			}
			assertThat(ann.exchange("/echo still here")).isEqualTo("still here");
			assertThat(ann.exchange("/calc 6*7")).isEqualTo("42");
			assertThat(ann.exchange("/count")).matches("\\d+");
			bob.send("lost too");
			assertThat(bob.exchange("/echo bob here")).isEqualTo("bob here");
			await().atMost(WAIT).until(() -> ClusterTestNode.count(output, "cluster link lost") == 2);

			redis.start();
			assertThat(amy.readLine()).isEqualTo("* " + SplitNotices.WHOLE);
			await().atMost(WAIT).until(() -> ClusterTestNode.count(output, "cluster link back") == 2);
			await().atMost(WAIT).untilAsserted(() -> assertThat(redisHealth(a)).isEqualTo("UP"));
			List<String> bobSaw = ClusterTestNode.awaitChat(ann, bob, "ann", WAIT);
			assertThat(bobSaw).noneMatch((line) -> line.contains("while down"));
			List<String> annSaw = ClusterTestNode.awaitChat(bob, ann, "bob", WAIT);
			assertThat(annSaw).noneMatch((line) -> line.contains("lost too"));
			// Presence comes back with the heartbeats: the room and the names span both
			// nodes again.
			assertThat(bobSaw).containsOnlyOnce("* " + SplitNotices.WHOLE);
			await().atMost(WAIT).untilAsserted(() -> {
				bob.send("/who");
				assertThat(List.of(bob.readLine(), bob.readLine(), bob.readLine(), bob.readLine()))
					.containsExactly("amy", "ann", "bob", ".");
			});
			TestClient late = b.client();
			await().atMost(WAIT)
				.untilAsserted(() -> assertThat(late.exchange("/nick AMY")).isEqualTo("ERR nickname in use"));
			assertThat(ClusterTestNode.count(output, "cluster link lost")).isEqualTo(2);
		}
	}

	@Test
	void aFlappingLinkGivesMembersAtMostOnePairOfNoticesPerNodeTimeout() throws Exception {
		Duration nodeTimeout = Duration.ofSeconds(12);
		try (RedisServer redis = RedisServer.startOnFreePort();
				ClusterTestNode a = ClusterTestNode.start("node-a", redis.port(),
						"gateway.cluster.node-timeout=" + nodeTimeout.toMillis() + "ms")) {
			TestClient ann = a.member("ann");
			RedisReachability link = a.bean(RedisReachability.class);
			redis.stop();
			assertThat(ann.readLine()).isEqualTo("* " + SplitNotices.SPLIT);
			long splitAt = System.nanoTime();
			redis.start();
			assertThat(ann.readLine()).isEqualTo("* " + SplitNotices.WHOLE);
			for (int flap = 0; flap < 2; flap++) {
				redis.stop();
				await().atMost(WAIT).until(() -> !link.isUp());
				redis.start();
				await().atMost(WAIT).until(link::isUp);
			}
			assertThat(Duration.ofNanos(System.nanoTime() - splitAt)).as("flaps within one node timeout")
				.isLessThan(nodeTimeout);
			// Past the node timeout, with the link up: nothing more was said.
			await().atMost(nodeTimeout.plus(WAIT))
				.until(() -> Duration.ofNanos(System.nanoTime() - splitAt).compareTo(nodeTimeout) > 0);
			assertThat(ann.exchange("/echo nothing else")).isEqualTo("nothing else");
		}
	}

	private static String redisHealth(ClusterTestNode node) throws Exception {
		return node.health().get("components").get("redis").get("status").asString();
	}

}
