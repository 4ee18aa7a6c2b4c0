package io.tcpgateway.cluster;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.tcpgateway.TestClient;
import io.tcpgateway.support.RedisServer;
import io.tcpgateway.support.TcpProxy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Alarms through the Redis stream, on two nodes against one real Redis: node a reaches it
 * through a proxy that a test can cut, node b directly. Every client gets every accepted
 * alarm once and in order, a node cut off catches up when it is back, and an alarm Redis
 * did not take reaches nobody.
 */
@ExtendWith(OutputCaptureExtension.class)
class AlarmStreamIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(20);

	private static final Pattern LISTED = Pattern
		.compile("(\\d+-\\d+) (\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ) (.*)");

	private RedisServer redis;

	private TcpProxy proxy;

	private ClusterTestNode a;

	private ClusterTestNode b;

	@BeforeEach
	void startCluster() {
		this.redis = RedisServer.startOnFreePort();
		this.proxy = TcpProxy.to(this.redis.port());
		this.a = ClusterTestNode.start("node-a", this.proxy.port());
		this.b = ClusterTestNode.start("node-b", this.redis.port());
		await().atMost(WAIT).untilAsserted(() -> assertThat(this.a.liveNodes()).containsExactly("node-a", "node-b"));
		await().atMost(WAIT).untilAsserted(() -> assertThat(this.b.liveNodes()).containsExactly("node-a", "node-b"));
	}

	@AfterEach
	void stopCluster() throws IOException {
		if (this.b != null) {
			this.b.close();
		}
		if (this.a != null) {
			this.a.close();
		}
		if (this.proxy != null) {
			this.proxy.close();
		}
		if (this.redis != null) {
			this.redis.close();
		}
	}

	@Test
	void everyAlarmReachesEveryClientOnBothNodesOnceAndInOrder() throws Exception {
		List<TestClient> clients = List.of(this.a.client(), this.a.client(), this.b.client(),
				ClusterTestNode.join(this.b.client(), "lou"));
		List<String> ids = new ArrayList<>();
		for (int i = 1; i <= 6; i++) {
			JsonNode raised = ((i % 2 == 0) ? this.a : this.b).broadcast("alarm " + i);
			ids.add(raised.get("id").asString());
			assertThat(raised.get("at").asString()).endsWith("Z");
			assertThat(raised.get("recipients").asInt()).isEqualTo(2);
			assertThat(raised.get("nodes").asInt()).isEqualTo(2);
		}
		assertThat(ids).doesNotHaveDuplicates();
		for (TestClient client : clients) {
			for (int i = 1; i <= 6; i++) {
				assertThat(client.readLine()).isEqualTo("! alarm " + i);
			}
			// Exactly once: the next line is the reply to this command.
			assertThat(client.exchange("/echo done")).isEqualTo("done");
		}
		for (ClusterTestNode node : List.of(this.a, this.b)) {
			List<String[]> listed = alarms(node.client(), "/alarms");
			assertThat(listed).extracting((alarm) -> alarm[0]).containsExactlyElementsOf(ids);
			assertThat(listed).extracting((alarm) -> alarm[2])
				.containsExactly("alarm 1", "alarm 2", "alarm 3", "alarm 4", "alarm 5", "alarm 6");
		}
	}

	@Test
	void aNodeCutOffFromRedisDeliversEveryAlarmItMissedOnceInOrderWhenBackAndRefusesItsOwn(CapturedOutput output)
			throws Exception {
		TestClient ann = this.a.client();
		TestClient bob = this.b.client();
		this.a.broadcast("before");
		assertThat(ann.readLine()).isEqualTo("! before");
		assertThat(bob.readLine()).isEqualTo("! before");

		this.proxy.cut();
		await().atMost(WAIT).until(() -> output.getAll().contains("alarm stream out of reach"));
		HttpResponse<String> refused = this.a.tryBroadcast("refused");
		assertThat(refused.statusCode()).isEqualTo(503);
		assertThat(refused.body()).contains("\"error\":\"alarm not accepted: the cluster's Redis is unreachable\"");
		for (int i = 1; i <= 3; i++) {
			this.b.broadcast("missed " + i);
			assertThat(bob.readLine()).isEqualTo("! missed " + i);
		}
		// Cut off for longer than the node timeout: node b dropped node a.
		await().atMost(WAIT).untilAsserted(() -> assertThat(this.b.liveNodes()).containsExactly("node-b"));
		assertThat(ann.exchange("/echo nothing yet")).isEqualTo("nothing yet");

		this.proxy.restore();
		for (int i = 1; i <= 3; i++) {
			assertThat(ann.readLine()).isEqualTo("! missed " + i);
		}
		assertThat(ann.exchange("/echo caught up")).isEqualTo("caught up");
		this.a.broadcast("after");
		for (TestClient client : List.of(ann, bob)) {
			// Never the refused one.
			assertThat(client.readLine()).isEqualTo("! after");
			assertThat(client.exchange("/echo done")).isEqualTo("done");
		}
		assertThat(alarms(ann, "/alarms")).extracting((alarm) -> alarm[2])
			.containsExactly("before", "missed 1", "missed 2", "missed 3", "after");
		assertThat(ClusterTestNode.count(output, "alarm stream out of reach")).isEqualTo(1);
	}

	@Test
	void alarmsSinceListsWhatCameAfterAnIdAndRefusesAnUnknownOne() throws Exception {
		List<String> ids = new ArrayList<>();
		for (int i = 1; i <= 4; i++) {
			ids.add(this.b.broadcast("alarm " + i).get("id").asString());
		}
		TestClient client = this.a.client();
		await().atMost(WAIT).until(() -> alarms(client, "/alarms").size() == 4);
		assertThat(alarms(client, "/alarms since " + ids.get(1))).extracting((alarm) -> alarm[0])
			.containsExactly(ids.get(2), ids.get(3));
		assertThat(alarms(client, "/alarms since " + ids.get(3))).isEmpty();
		assertThat(client.exchange("/alarms since 1-0"))
			.isEqualTo("ERR unknown alarm id 1-0 (try /alarms for the ones kept)");
		assertThat(client.exchange("/alarms since")).isEqualTo("ERR usage: /alarms [since ID]");
		assertThat(client.exchange("/ALARMS SINCE " + ids.get(2))).isEqualTo(listing(ids.get(3), "alarm 4"));
		assertThat(client.readLine()).isEqualTo(".");
	}

	@Test
	void aNodeThatStartsLaterListsTheRecentAlarmsButDoesNotReplayThem() throws Exception {
		this.a.broadcast("old news");
		try (ClusterTestNode c = ClusterTestNode.start("node-c", this.redis.port())) {
			TestClient carl = c.client();
			assertThat(alarms(carl, "/alarms")).extracting((alarm) -> alarm[2]).containsExactly("old news");
			this.b.broadcast("fresh");
			assertThat(carl.readLine()).isEqualTo("! fresh");
		}
	}

	@Test
	void junkOnTheStreamIsDroppedAndLoggedAtMostOnceAMinute(CapturedOutput output) throws Exception {
		TestClient ann = this.a.client();
		TestClient bob = this.b.client();
		StringRedisTemplate redis = this.b.bean(StringRedisTemplate.class);
		List<Map<String, String>> junk = List.of(Map.of("other", "x"), Map.of("alarm", "{not json"),
				Map.of("alarm", "{\"v\":1,\"type\":\"say\",\"node\":\"x\",\"nick\":\"eve\",\"text\":\"hi\"}"),
				Map.of("alarm", "{\"v\":1,\"type\":\"alarm\",\"node\":\"x\",\"text\":\"two\\nlines\"}"),
				Map.of("alarm", "{\"v\":1,\"type\":\"alarm\",\"node\":\"x\",\"text\":\"" + "x".repeat(9000) + "\"}"));
		for (Map<String, String> entry : junk) {
			redis.opsForStream().add(AlarmStream.KEY, entry);
		}
		redis.opsForStream()
			.add(AlarmStream.KEY,
					Map.of("alarm", "{\"v\":1,\"type\":\"alarm\",\"node\":\"x\",\"text\":\"\\u001b[2Jfrom redis\"}"));
		for (TestClient client : List.of(ann, bob)) {
			assertThat(client.readLine()).isEqualTo("! \\x1B[2Jfrom redis");
			assertThat(client.exchange("/echo done")).isEqualTo("done");
		}
		await().atMost(WAIT)
			.until(() -> ClusterTestNode.count(output, "dropped a bad message from the alarm stream") == 2);
		assertThat(ClusterTestNode.count(output, "dropped a bad message from the alarm stream")).isEqualTo(2);
	}

	@Test
	void aRedisThatLostItsDataIsNoticedAndNewAlarmsStillReachEveryone(CapturedOutput output) throws Exception {
		TestClient ann = this.a.client();
		TestClient bob = this.b.client();
		this.b.broadcast("before");
		assertThat(ann.readLine()).isEqualTo("! before");
		assertThat(bob.readLine()).isEqualTo("! before");
		this.redis.stop();
		this.redis.start();
		await().atMost(WAIT).until(() -> ClusterTestNode.count(output, "lost alarm") == 2);
		this.b.broadcast("after");
		assertThat(ann.readLine()).isEqualTo("! after");
		assertThat(bob.readLine()).isEqualTo("! after");
	}

	private static List<String[]> alarms(TestClient client, String command) throws IOException {
		client.send(command);
		List<String[]> alarms = new ArrayList<>();
		for (String line = client.readLine(); !line.equals("."); line = client.readLine()) {
			Matcher matcher = LISTED.matcher(line);
			assertThat(matcher.matches()).as(line).isTrue();
			alarms.add(new String[] { matcher.group(1), matcher.group(2), matcher.group(3) });
		}
		return alarms;
	}

	private static String listing(String id, String text) {
		long millis = Long.parseLong(id.substring(0, id.indexOf('-')));
		return id + " " + Instant.ofEpochMilli(millis).truncatedTo(ChronoUnit.SECONDS) + " " + text;
	}

}
