package io.tcpgateway.tcp;

import java.io.IOException;

import io.tcpgateway.TestClient;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;
import org.springframework.integration.ip.util.TestingUtilities;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An empty greeting sends nothing, and the default mode is a setting.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "gateway.tcp.port=0", "gateway.greeting=", "gateway.default-mode=calc" })
class CustomGreetingIntegrationTests {

	@Autowired
	AbstractServerConnectionFactory server;

	@Test
	void sendsNothingBeforeTheFirstReplyWhenTheGreetingIsEmpty() throws IOException {
		TestingUtilities.waitListening(this.server, 10_000L);
		try (TestClient client = TestClient.connect(this.server.getPort())) {
			client.send("6*7");
			assertThat(client.readLine()).isEqualTo("42");
		}
	}

}
