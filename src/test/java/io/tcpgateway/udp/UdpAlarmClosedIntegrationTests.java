package io.tcpgateway.udp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Without a secret the alarm port stays closed, and the start says why.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(properties = "gateway.tcp.port=0")
class UdpAlarmClosedIntegrationTests {

	private static final int PORT = freeUdpPort();

	@DynamicPropertySource
	static void alarmPort(DynamicPropertyRegistry registry) {
		registry.add("gateway.udp.alarm-port", () -> PORT);
	}

	@Test
	void doesNotOpenTheAlarmPortWithoutASecretAndSaysWhy(ApplicationContext context, CapturedOutput output)
			throws IOException {
		assertThat(context.containsBean("udpAlarmAdapter")).isFalse();
		try (DatagramSocket nobodyElseListens = new DatagramSocket(new InetSocketAddress(PORT))) {
			assertThat(nobodyElseListens.getLocalPort()).isEqualTo(PORT);
		}
		assertThat(output).contains("UDP alarm port " + PORT + " not opened: gateway.udp.alarm-secret is not set");
	}

	private static int freeUdpPort() {
		try (DatagramSocket socket = new DatagramSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
