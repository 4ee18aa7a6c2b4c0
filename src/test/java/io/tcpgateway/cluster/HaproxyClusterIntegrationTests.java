package io.tcpgateway.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.tcpgateway.TestClient;
import io.tcpgateway.chat.ChatRoom;
import io.tcpgateway.support.HaproxyBackend;
import io.tcpgateway.support.HaproxyBackend.ProxyProtocol;
import io.tcpgateway.support.HaproxyServer;
import io.tcpgateway.support.RedisServer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * End to end: HAProxy in front of two nodes and one Redis, with the PROXY protocol v2 as
 * {@code deploy/haproxy.cfg} has it. Clients that come in through HAProxy land on both
 * nodes under their own addresses, chat with each other and all get one alarm.
 */
class HaproxyClusterIntegrationTests {

	private static final String[] PROXY_PROTOCOL = { "gateway.tcp.proxy-protocol=true",
			"gateway.tcp.proxy-protocol-trusted=127.0.0.1/32" };

	@Test
	void clientsThroughHaproxyLandOnBothNodesChatAndAllGetOneAlarm() throws Exception {
		try (RedisServer redis = RedisServer.startOnFreePort();
				ClusterTestNode a = ClusterTestNode.start("node-a", redis.port(), PROXY_PROTOCOL);
				ClusterTestNode b = ClusterTestNode.start("node-b", redis.port(), PROXY_PROTOCOL);
				HaproxyServer haproxy = HaproxyServer.start(
						HaproxyBackend.of(HaproxyServer.HOST, a.tcpPort(), ProxyProtocol.V2),
						HaproxyBackend.of(HaproxyServer.HOST, b.tcpPort(), ProxyProtocol.V2))) {
			List<TestClient> clients = new ArrayList<>();
			List<String> names = List.of("ann", "bob", "cid", "dan");
			for (String name : names) {
				TestClient client = TestClient.greeted(haproxy.port());
				clients.add(client);
				assertThat(client.exchange("/nick " + name)).isEqualTo("OK nick " + name);
				assertThat(client.exchange("/mode chat")).isEqualTo("OK mode chat, you are " + name);
				// Both nodes know the newcomer before the next one joins, wherever each
				// lands.
				await().atMost(Duration.ofSeconds(10))
					.until(() -> a.bean(ChatRoom.class).who().contains(name)
							&& b.bean(ChatRoom.class).who().contains(name));
				// Everyone already in the room hears of the newcomer.
				for (int i = 0; i < clients.size() - 1; i++) {
					assertThat(clients.get(i).readLine()).isEqualTo("* " + name + " joined");
				}
			}
			// Least connections: two and two, each under the client's own port, not
			// HAProxy's.
			assertThat(a.registry().count()).isEqualTo(2);
			assertThat(b.registry().count()).isEqualTo(2);
			List<Integer> seen = new ArrayList<>();
			a.registry().list().forEach((connection) -> seen.add(connection.remotePort()));
			b.registry().list().forEach((connection) -> seen.add(connection.remotePort()));
			assertThat(seen).containsExactlyInAnyOrderElementsOf(clients.stream().map(TestClient::localPort).toList());

			for (int sender = 0; sender < clients.size(); sender++) {
				clients.get(sender).send("hello from " + names.get(sender));
				for (int receiver = 0; receiver < clients.size(); receiver++) {
					if (receiver != sender) {
						assertThat(clients.get(receiver).readLine())
							.isEqualTo("<" + names.get(sender) + "> hello from " + names.get(sender));
					}
				}
			}

			JsonNode response = a.broadcast("one alarm");
			assertThat(response.get("recipients").asInt()).isEqualTo(2);
			assertThat(response.get("nodes").asInt()).isEqualTo(2);
			for (TestClient client : clients) {
				assertThat(client.readLine()).isEqualTo("! one alarm");
				// Exactly one: the next line is the reply to this command.
				assertThat(client.exchange("/echo done")).isEqualTo("done");
			}
			for (TestClient client : clients) {
				client.close();
			}
		}
	}

}
