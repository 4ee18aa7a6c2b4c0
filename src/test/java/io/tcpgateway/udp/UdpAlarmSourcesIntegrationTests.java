package io.tcpgateway.udp;

import java.io.IOException;
import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import io.tcpgateway.TestClient;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;
import org.springframework.integration.ip.udp.inbound.UnicastReceivingChannelAdapter;
import org.springframework.integration.ip.util.TestingUtilities;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The allow-list of alarm sources comes first: a well signed datagram from any other
 * address is dropped.
 */
@SpringBootTest(properties = { "gateway.tcp.port=0", "gateway.udp.alarm-port=0",
		"gateway.udp.alarm-secret=" + UdpSender.SECRET, "gateway.udp.alarm-sources=10.0.0.0/8,127.0.0.2" })
class UdpAlarmSourcesIntegrationTests {

	@Autowired
	AbstractServerConnectionFactory tcpServer;

	@Autowired
	@Qualifier("udpAlarmAdapter")
	UnicastReceivingChannelAdapter udpAdapter;

	@Autowired
	MeterRegistry meters;

	@Test
	void dropsAndCountsASignedDatagramFromASourceOutsideTheAllowList() throws IOException {
		TestingUtilities.waitListening(this.tcpServer, 10_000L);
		TestingUtilities.waitListening(this.udpAdapter, 10_000L);
		int port = this.udpAdapter.getPort();
		try (TestClient tcp = TestClient.greeted(this.tcpServer.getPort());
				UdpSender stranger = UdpSender.from("127.0.0.1", port);
				UdpSender allowed = UdpSender.from("127.0.0.2", port)) {
			stranger.alarm("from a stranger");
			await().atMost(Duration.ofSeconds(10)).until(() -> dropped("source") == 1);
			allowed.alarm("from an allowed source");
			assertThat(tcp.readLine()).isEqualTo("! from an allowed source");
		}
		assertThat(this.meters.get("udp.alarms.accepted").counter().count()).isOne();
	}

	private double dropped(String reason) {
		return this.meters.get("udp.alarms.dropped").tag("reason", reason).counter().count();
	}

}
