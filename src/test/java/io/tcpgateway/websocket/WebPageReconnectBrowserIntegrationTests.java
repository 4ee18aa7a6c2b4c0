package io.tcpgateway.websocket;

import io.tcpgateway.TcpGatewayApplication;
import io.tcpgateway.TestClient;
import io.tcpgateway.support.FreePorts;
import io.tcpgateway.support.HeadlessChromium;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The page says goodbye with the gateway and comes back with it: a restart on the same
 * port shows the shutdown notice, then {@code reconnecting}, then a new greeting.
 */
class WebPageReconnectBrowserIntegrationTests {

	private static final String SHUTDOWN = "Server is shutting down, goodbye.";

	@Test
	@Timeout(180)
	void reconnectsAfterTheGatewayRestarts() {
		try (HeadlessChromium chromium = HeadlessChromium.start()) {
			int port = FreePorts.loopback();
			ConfigurableApplicationContext gateway = start(port);
			try {
				WebPage page = new WebPage(chromium.driver()).open(port);
				page.awaitLine("reply", TestClient.GREETING);
				page.awaitStatus("connected");
				gateway.close();
				page.awaitLine("reply", SHUTDOWN);
				assertThat(page.awaitStatus("reconnecting")).startsWith("reconnecting");
				gateway = start(port);
				page.awaitStatus("connected");
				page.waiting()
					.until((driver) -> page.lines("reply")
						.stream()
						.filter((line) -> TestClient.GREETING.equals(line.getText()))
						.count() == 2);
				page.type("/calc 6*7");
				page.awaitLine("reply", "42");
			}
			finally {
				gateway.close();
			}
		}
	}

	private static ConfigurableApplicationContext start(int httpPort) {
		return new SpringApplicationBuilder(TcpGatewayApplication.class).run("--gateway.tcp.port=0",
				"--server.port=" + httpPort);
	}

}
