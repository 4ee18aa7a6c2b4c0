package io.tcpgateway.connection;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import io.tcpgateway.GatewayIntegrationTests;
import io.tcpgateway.TestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * No client can forge a log line: hostile input over a real socket, then the captured
 * log.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "gateway.tcp.port=0")
@ExtendWith(OutputCaptureExtension.class)
class LogInjectionIntegrationTests extends GatewayIntegrationTests {

	@Test
	void logsNoLineAClientForged(CapturedOutput output) throws IOException {
		int localPort;
		try (TestClient client = TestClient.greeted(this.port)) {
			localPort = client.localPort();
			client.sendRaw(("/nick a\rFAKE ERROR forged nick\n" + "/x\u001b[31mFAKE\u001b[0m\n" + "/mode chat\n"
					+ "hi\rFAKE ERROR forged chat\u001b[2J\n" + "/quit\n")
				.getBytes(StandardCharsets.UTF_8));
			assertThat(client.awaitClose()).isTrue();
		}
		await().until(() -> output.getOut().contains("disconnected 127.0.0.1:" + localPort));
		assertThat(output.getOut()).doesNotContain("\u001b").doesNotContain("\r" + "FAKE");
		assertThat(Arrays.stream(output.getOut().split("\\R"))).noneMatch((line) -> line.startsWith("FAKE"));
	}

}
