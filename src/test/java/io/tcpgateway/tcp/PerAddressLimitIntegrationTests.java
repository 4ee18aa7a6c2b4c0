package io.tcpgateway.tcp;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

import io.tcpgateway.GatewayIntegrationTests;
import io.tcpgateway.TestClient;
import io.tcpgateway.connection.ConnectionEvent;
import io.tcpgateway.connection.EventLog;
import io.tcpgateway.connection.EventType;
import io.tcpgateway.connection.RejectReason;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The per-address connection limit over real sockets from two loopback addresses: the
 * connection over it is refused with a notice, and nobody else notices.
 */
@SpringBootTest(properties = { "gateway.tcp.port=0", "gateway.tcp.max-connections-per-address=2" })
class PerAddressLimitIntegrationTests extends GatewayIntegrationTests {

	@Autowired
	EventLog events;

	@Test
	void refusesTheConnectionOverTheLimitAndLeavesTheOthersAlone() throws IOException {
		long rejected = this.registry.traffic().rejected(RejectReason.PER_ADDRESS);
		long full = this.registry.traffic().rejected(RejectReason.SERVER_FULL);
		List<TestClient> clients = new ArrayList<>();
		try {
			clients.add(TestClient.greeted(this.port));
			clients.add(TestClient.greeted(this.port));
			try (TestClient extra = from("127.0.0.1")) {
				assertThat(extra.readLine()).isEqualTo("ERR too many connections from your address");
				assertThat(extra.awaitClose()).isTrue();
			}
			ConnectionEvent refusal = latest(EventType.REJECTED);
			assertThat(refusal.detail()).isEqualTo("too many connections from 127.0.0.1 (2 per address)");
			assertThat(this.registry.traffic().rejected(RejectReason.PER_ADDRESS)).isEqualTo(rejected + 1);
			assertThat(this.registry.traffic().rejected(RejectReason.SERVER_FULL)).isEqualTo(full);
			TestClient other = from("127.0.0.2");
			clients.add(other);
			assertThat(other.readLine()).isEqualTo(TestClient.GREETING);
			for (TestClient client : clients) {
				assertThat(client.exchange("still served")).isEqualTo("still served");
			}
			assertThat(this.registry.count()).isEqualTo(3);
		}
		finally {
			for (TestClient client : clients) {
				client.close();
			}
		}
	}

	@Test
	void admitsAgainOnceAConnectionFromTheAddressCloses() throws IOException {
		try (TestClient first = TestClient.greeted(this.port); TestClient second = TestClient.greeted(this.port)) {
			second.send("/quit");
			assertThat(second.awaitClose()).isTrue();
			await().until(() -> this.registry.count() == 1);
			try (TestClient third = TestClient.connect(this.port)) {
				assertThat(third.readLine()).isEqualTo(TestClient.GREETING);
			}
			assertThat(first.exchange("fine")).isEqualTo("fine");
		}
	}

	private TestClient from(String source) throws IOException {
		Socket socket = new Socket();
		socket.bind(new InetSocketAddress(InetAddress.getByName(source), 0));
		socket.connect(new InetSocketAddress("127.0.0.1", this.port));
		return TestClient.over(socket);
	}

	private ConnectionEvent latest(EventType type) {
		return this.events.recent(1000).stream().filter((event) -> event.type() == type).findFirst().orElseThrow();
	}

}
