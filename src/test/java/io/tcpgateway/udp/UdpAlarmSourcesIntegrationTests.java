package io.tcpgateway.udp;

import java.io.IOException;
import java.time.Duration;

import io.tcpgateway.TestClient;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The allow-list of alarm sources comes first: a well signed datagram from any other
 * address is dropped.
 */
@SpringBootTest(properties = { "gateway.tcp.port=0", "gateway.udp.alarm-port=0",
		"gateway.udp.alarm-secret=" + UdpSender.SECRET, "gateway.udp.alarm-sources=10.0.0.0/8,127.0.0.2" })
class UdpAlarmSourcesIntegrationTests extends AbstractUdpAlarmIntegrationTests {

	@Test
	void dropsAndCountsASignedDatagramFromASourceOutsideTheAllowList() throws IOException {
		try (TestClient tcp = TestClient.greeted(this.tcpServer.getPort());
				UdpSender stranger = UdpSender.from("127.0.0.1", this.udpPort);
				UdpSender allowed = UdpSender.from("127.0.0.2", this.udpPort)) {
			stranger.alarm("from a stranger");
			await().atMost(Duration.ofSeconds(10)).until(() -> dropped("source") == 1);
			allowed.alarm("from an allowed source");
			assertThat(tcp.readLine()).isEqualTo("! from an allowed source");
		}
		assertThat(accepted()).isOne();
	}

}
