package io.tcpgateway.tcp;

import java.io.File;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.tcpgateway.TcpGatewayApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway started as its own process against a TCP port that is already taken.
 */
class BusyPortIntegrationTests {

	@Test
	@Timeout(90)
	void exitsWithNonZeroStatusAndNamesTheBusyPort() throws Exception {
		try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
			int port = taken.getLocalPort();
			String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
			Process gateway = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
					TcpGatewayApplication.class.getName(), "--gateway.tcp.port=" + port, "--server.port=0"))
				.redirectErrorStream(true)
				.start();
			String output = new String(gateway.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			assertThat(gateway.waitFor(60, TimeUnit.SECONDS)).isTrue();
			assertThat(gateway.exitValue()).isNotZero();
			assertThat(output).contains("cannot listen on TCP port " + port);
		}
	}

}
