package io.tcpgateway.tcp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.tcpgateway.TcpGatewayApplication;
import io.tcpgateway.TestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;
import org.springframework.integration.ip.util.TestingUtilities;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Shutdown says goodbye: replies in flight first, then the notice, then the close, and no
 * new connections meanwhile.
 */
class GracefulShutdownIntegrationTests {

	private static final String NOTICE = "Server is shutting down, goodbye.";

	@Test
	@Timeout(60)
	void deliversRepliesInFlightThenTheNoticeThenCloses() throws Exception {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(TcpGatewayApplication.class)
			.run("--gateway.tcp.port=0", "--server.port=0");
		AbstractServerConnectionFactory server = context.getBean(AbstractServerConnectionFactory.class);
		TestingUtilities.waitListening(server, 10_000L);
		int port = server.getPort();
		try (TestClient busy = TestClient.greeted(port); TestClient quiet = TestClient.greeted(port)) {
			StringBuilder lines = new StringBuilder();
			for (int i = 0; i < 5000; i++) {
				lines.append("line ").append(i).append('\n');
			}
			busy.sendRaw(lines.toString().getBytes(StandardCharsets.UTF_8));
			assertThat(busy.readLine()).isEqualTo("line 0");
			long start = System.nanoTime();
			CompletableFuture<Void> closed = CompletableFuture.runAsync(context::close);

			int next = 1;
			String line = busy.readLine();
			while (line != null && !line.equals(NOTICE)) {
				assertThat(line).isEqualTo("line " + next++);
				line = busy.readLine();
			}
			assertThat(line).isEqualTo(NOTICE);
			assertThat(next).as("lines echoed before the notice").isEqualTo(5000);
			assertThat(busy.awaitClose()).isTrue();
			assertThat(quiet.readLine()).isEqualTo(NOTICE);
			assertThat(quiet.awaitClose()).isTrue();
			closed.get(20, TimeUnit.SECONDS);
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
		}
		assertThatExceptionOfType(ConnectException.class).isThrownBy(() -> TestClient.connect(port));
	}

	@Test
	@Timeout(90)
	void saysGoodbyeOnSigterm() throws Exception {
		String java = System.getProperty("java.home") + "/bin/java";
		Process gateway = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
				TcpGatewayApplication.class.getName(), "--gateway.tcp.port=0", "--server.port=0"))
			.redirectErrorStream(true)
			.start();
		try {
			int port = listeningPort(gateway);
			try (TestClient client = TestClient.greeted(port)) {
				client.send("before");
				assertThat(client.readLine()).isEqualTo("before");
				gateway.destroy();
				assertThat(client.readLine()).isEqualTo(NOTICE);
				assertThat(client.awaitClose()).isTrue();
			}
			assertThat(gateway.waitFor(30, TimeUnit.SECONDS)).isTrue();
		}
		finally {
			gateway.destroyForcibly();
		}
	}

	private static int listeningPort(Process gateway) throws IOException {
		Pattern listening = Pattern.compile("TCP server listening on port (\\d+)");
		BufferedReader output = new BufferedReader(
				new InputStreamReader(gateway.getInputStream(), StandardCharsets.UTF_8));
		for (String line = output.readLine(); line != null; line = output.readLine()) {
			Matcher matcher = listening.matcher(line);
			if (matcher.find()) {
				Thread drain = new Thread(() -> output.lines().forEach((ignored) -> {
				}));
				drain.setDaemon(true);
				drain.start();
				return Integer.parseInt(matcher.group(1));
			}
		}
		throw new IOException("the gateway exited before listening");
	}

}
