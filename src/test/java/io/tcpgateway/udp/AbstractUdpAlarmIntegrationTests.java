package io.tcpgateway.udp;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;
import org.springframework.integration.ip.udp.inbound.UnicastReceivingChannelAdapter;
import org.springframework.integration.ip.util.TestingUtilities;

/**
 * A gateway with its alarm port open, for the UDP alarm tests: both ports listening
 * before each test, and the alarm meters at hand.
 */
abstract class AbstractUdpAlarmIntegrationTests {

	@Autowired
	AbstractServerConnectionFactory tcpServer;

	@Autowired
	@Qualifier("udpAlarmAdapter")
	UnicastReceivingChannelAdapter udpAdapter;

	@Autowired
	MeterRegistry meters;

	int udpPort;

	@BeforeEach
	void waitForListeners() {
		TestingUtilities.waitListening(this.tcpServer, 10_000L);
		TestingUtilities.waitListening(this.udpAdapter, 10_000L);
		this.udpPort = this.udpAdapter.getPort();
	}

	double dropped(String reason) {
		return this.meters.get("udp.alarms.dropped").tag("reason", reason).counter().count();
	}

	double accepted() {
		return this.meters.get("udp.alarms.accepted").counter().count();
	}

}
