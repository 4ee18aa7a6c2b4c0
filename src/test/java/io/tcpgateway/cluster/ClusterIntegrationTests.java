package io.tcpgateway.cluster;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.tcpgateway.TestClient;
import io.tcpgateway.support.RedisServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Two gateway nodes against one real Redis: chat, notices, {@code /who}, names,
 * {@code /count}, alarms and the {@code cluster} endpoint span both nodes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(OutputCaptureExtension.class)
class ClusterIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private RedisServer redis;

	private ClusterTestNode a;

	private ClusterTestNode b;

	@BeforeAll
	void startCluster() {
		this.redis = RedisServer.startOnFreePort();
		this.a = ClusterTestNode.start("node-a", this.redis.port());
		this.b = ClusterTestNode.start("node-b", this.redis.port());
		await().atMost(WAIT).untilAsserted(() -> assertThat(this.a.liveNodes()).containsExactly("node-a", "node-b"));
		await().atMost(WAIT).untilAsserted(() -> assertThat(this.b.liveNodes()).containsExactly("node-a", "node-b"));
	}

	@AfterEach
	void closeClients() throws IOException {
		this.a.closeClients();
		this.b.closeClients();
		// Each test starts with an empty room and no connections on either node.
		await().atMost(WAIT).until(() -> this.a.registry().count() == 0 && this.b.registry().count() == 0);
		await().atMost(WAIT)
			.until(() -> this.a.bean(ClusterView.class).members().isEmpty()
					&& this.b.bean(ClusterView.class).members().isEmpty());
	}

	@AfterAll
	void stopCluster() throws IOException {
		if (this.b != null) {
			this.b.close();
		}
		if (this.a != null) {
			this.a.close();
		}
		if (this.redis != null) {
			this.redis.close();
		}
	}

	@Test
	void chatLinesReachEveryOtherMemberOnEveryNodeOnceAndInOrderButNeverTheSender() throws IOException {
		TestClient ann = member(this.a, "ann");
		TestClient bob = member(this.b, "bob");
		assertThat(ann.readLine()).isEqualTo("* bob joined");
		TestClient cid = member(this.a, "cid");
		assertThat(ann.readLine()).isEqualTo("* cid joined");
		assertThat(bob.readLine()).isEqualTo("* cid joined");
		int lines = 300;
		for (int i = 0; i < lines; i++) {
			ann.send("line " + i);
		}
		for (int i = 0; i < lines; i++) {
			assertThat(bob.readLine()).as("bob, line %d", i).isEqualTo("<ann> line " + i);
			String got;
			try {
				got = cid.readLine();
			}
			catch (IOException ex) {
				throw new IllegalStateException("cid at " + i, ex);
			}
			assertThat(got).as("cid, line %d", i).isEqualTo("<ann> line " + i);
		}
		// Nothing more: no copy to the sender, no second copy to anyone.
		assertThat(ann.exchange("/echo end")).isEqualTo("end");
		bob.send("from bob");
		assertThat(ann.readLine()).isEqualTo("<bob> from bob");
		assertThat(cid.readLine()).isEqualTo("<bob> from bob");
		assertThat(bob.exchange("/echo end")).isEqualTo("end");
		assertThat(cid.exchange("/echo end")).isEqualTo("end");
	}

	@Test
	void joinsRenamesAndLeavesAreAnnouncedOnTheOtherNode() throws IOException {
		TestClient dan = member(this.a, "dan");
		TestClient eve = member(this.b, "eve");
		assertThat(dan.readLine()).isEqualTo("* eve joined");
		assertThat(eve.exchange("/nick eve2")).isEqualTo("OK nick eve2");
		assertThat(dan.readLine()).isEqualTo("* eve is now known as eve2");
		assertThat(eve.exchange("/mode echo")).isEqualTo("OK mode echo");
		assertThat(dan.readLine()).isEqualTo("* eve2 left");
		TestClient fay = member(this.b, "fay");
		assertThat(dan.readLine()).isEqualTo("* fay joined");
		fay.close();
		assertThat(dan.readLine()).isEqualTo("* fay left");
	}

	@Test
	void whoListsTheMembersOfEveryNode() throws IOException {
		TestClient gus = member(this.a, "gus");
		member(this.b, "Hal");
		assertThat(gus.readLine()).isEqualTo("* Hal joined");
		TestClient ida = member(this.b, "ida");
		assertThat(gus.readLine()).isEqualTo("* ida joined");
		for (TestClient client : List.of(gus, ida)) {
			client.send("/who");
			assertThat(List.of(client.readLine(), client.readLine(), client.readLine(), client.readLine()))
				.containsExactly("gus", "Hal", "ida", ".");
		}
	}

	@Test
	void countIsTheNumberOfOpenConnectionsOnEveryNode() throws IOException {
		TestClient onA = this.a.client();
		this.a.client();
		TestClient onB = this.b.client();
		this.b.client();
		this.b.client();
		await().atMost(WAIT).untilAsserted(() -> {
			assertThat(onA.exchange("/count")).isEqualTo("5");
			assertThat(onB.exchange("/count")).isEqualTo("5");
		});
	}

	@Test
	void namesAreUniqueAcrossNodesWithoutRegardToCase() throws IOException {
		TestClient onA = this.a.client();
		TestClient onB = this.b.client();
		assertThat(onA.exchange("/nick Jo")).isEqualTo("OK nick Jo");
		assertThat(onB.exchange("/nick jO")).isEqualTo("ERR nickname in use");
		assertThat(onA.exchange("/nick JO")).isEqualTo("OK nick JO");
		assertThat(onA.exchange("/nick kim")).isEqualTo("OK nick kim");
		assertThat(onB.exchange("/nick jo")).isEqualTo("OK nick jo");
	}

	@Test
	void aNameGivenUpIsFreeOnTheOtherNodeOnceTheRenameIsAnswered() throws IOException {
		TestClient onA = this.a.client();
		TestClient onB = this.b.client();
		for (int round = 0; round < 1000; round++) {
			assertThat(onA.exchange("/nick old" + round)).isEqualTo("OK nick old" + round);
			assertThat(onA.exchange("/nick new" + round)).isEqualTo("OK nick new" + round);
			assertThat(onB.exchange("/nick old" + round)).as("round %d", round).isEqualTo("OK nick old" + round);
			assertThat(onB.exchange("/nick b" + round)).isEqualTo("OK nick b" + round);
		}
	}

	@Test
	void twoNodesRacingForOneNameGiveItToExactlyOne() throws Exception {
		for (int round = 0; round < 20; round++) {
			TestClient onA = this.a.client();
			TestClient onB = this.b.client();
			String name = "racer" + round;
			onA.send("/nick " + name);
			onB.send("/nick " + (((round % 2) == 0) ? name.toUpperCase() : name));
			CompletableFuture<String> replyA = CompletableFuture.supplyAsync(() -> read(onA));
			CompletableFuture<String> replyB = CompletableFuture.supplyAsync(() -> read(onB));
			List<String> replies = List.of(replyA.get(), replyB.get());
			assertThat(replies).as("round %d", round).filteredOn((reply) -> reply.startsWith("OK nick")).hasSize(1);
			assertThat(replies).as("round %d", round).contains("ERR nickname in use");
		}
	}

	@Test
	void anAlarmReachesEveryClientOnEveryNode() throws Exception {
		List<TestClient> clients = new ArrayList<>(List.of(this.a.client(), this.a.client(), this.b.client()));
		clients.add(member(this.b, "lou"));
		JsonNode response = this.b.broadcast("fire drill");
		assertThat(response.get("recipients").asInt()).isEqualTo(2);
		assertThat(response.get("nodes").asInt()).isEqualTo(2);
		for (TestClient client : clients) {
			assertThat(client.readLine()).isEqualTo("! fire drill");
		}
	}

	@Test
	void clusterEndpointListsTheLiveNodesWithTheirConnectionsToTheAdminOnly() throws Exception {
		this.b.client();
		assertThat(this.a.get("/actuator/cluster", false).statusCode()).isEqualTo(401);
		await().atMost(WAIT).untilAsserted(() -> {
			JsonNode cluster = this.a.getJson("/actuator/cluster");
			assertThat(cluster.get("self").asString()).isEqualTo("node-a");
			JsonNode nodes = cluster.get("nodes");
			assertThat(nodes).hasSize(2);
			assertThat(nodes.get(0).get("id").asString()).isEqualTo("node-a");
			assertThat(nodes.get(0).get("connections").asInt()).isZero();
			assertThat(nodes.get(1).get("id").asString()).isEqualTo("node-b");
			assertThat(nodes.get(1).get("connections").asInt()).isEqualTo(1);
			assertThat(nodes.get(1).get("lastHeardAt").asString()).isNotEmpty();
		});
	}

	@Test
	void aSecondNodeWithTheIdOfALiveOneFailsToStart() {
		assertThatThrownBy(() -> ClusterTestNode.start("node-a", this.redis.port()))
			.hasStackTraceContaining("another live node has the cluster node id node-a");
	}

	@Test
	void junkOnTheChannelIsLoggedAndDroppedAndTheSubscriberGoesOn(CapturedOutput output) throws Exception {
		TestClient max = member(this.a, "max");
		TestClient ned = member(this.b, "ned");
		assertThat(max.readLine()).isEqualTo("* ned joined");
		StringRedisTemplate redis = this.a.bean(StringRedisTemplate.class);
		redis.convertAndSend(ClusterConfiguration.TOPIC, "not json at all");
		redis.convertAndSend(ClusterConfiguration.TOPIC,
				"{\"v\":2,\"type\":\"say\",\"node\":\"x\",\"nick\":\"mallory\",\"text\":\"from the future\"}");
		redis.convertAndSend(ClusterConfiguration.TOPIC,
				"{\"v\":1,\"type\":\"say\",\"node\":\"x\",\"nick\":\"\\u001b[2J\",\"text\":\"forged\"}");
		redis.convertAndSend(ClusterConfiguration.TOPIC, "{\"v\":1,\"type\":\"heartbeat\",\"node\":\"x\"}");
		max.send("still here");
		assertThat(ned.readLine()).isEqualTo("<max> still here");
		ned.send("me too");
		assertThat(max.readLine()).isEqualTo("<ned> me too");
		await().atMost(WAIT)
			.untilAsserted(
					() -> assertThat(output.getAll()).contains("dropped a bad message from the cluster channel"));
		assertThat(this.a.liveNodes()).containsExactly("node-a", "node-b");
	}

	private static String read(TestClient client) {
		try {
			return client.readLine();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Joins the room on one node and waits until the other node knows, so that the next
	 * join anywhere comes after it for everyone.
	 */
	private TestClient member(ClusterTestNode on, String nick) throws IOException {
		TestClient client = on.member(nick);
		ClusterTestNode other = (on == this.a) ? this.b : this.a;
		await().atMost(Duration.ofSeconds(10)).until(() -> other.bean(ClusterView.class).members().contains(nick));
		return client;
	}

}
