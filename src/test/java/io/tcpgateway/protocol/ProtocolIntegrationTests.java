package io.tcpgateway.protocol;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import io.tcpgateway.GatewayIntegrationTests;
import io.tcpgateway.TestClient;
import io.tcpgateway.connection.ErrorType;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every command and mode of the protocol over real loopback sockets.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "gateway.tcp.port=0")
class ProtocolIntegrationTests extends GatewayIntegrationTests {

	@Test
	void answersEachCommand() throws IOException {
		try (TestClient client = TestClient.greeted(this.port)) {
			client.send("/echo  some text ", "/CALC 2+3*4", "/calc 10%4", "/calc 1/3", "/mode", "/count", "/foo");
			assertThat(client.readLine()).isEqualTo("some text");
			assertThat(client.readLine()).isEqualTo("14");
			assertThat(client.readLine()).isEqualTo("2");
			assertThat(client.readLine()).isEqualTo("0.333333333333333");
			assertThat(client.readLine()).isEqualTo("echo");
			assertThat(client.readLine()).isEqualTo("1");
			assertThat(client.readLine()).isEqualTo("ERR unknown command /foo (try /help)");
			client.send("/help");
			List<String> help = readList(client);
			assertThat(help).anyMatch((line) -> line.startsWith("/nick [NAME]"))
				.anyMatch((line) -> line.startsWith("/who"));
			client.send("still here");
			assertThat(client.readLine()).isEqualTo("still here");
		}
	}

	@Test
	void computesPlainLinesInCalcModeAndStaysUsableAfterErrors() throws IOException {
		try (TestClient client = TestClient.greeted(this.port)) {
			client.send("/mode calc", "-(2^3)^2", "1/0", "2 $ 3", "9^9^9^9", "7/2", "/mode echo", "7/2");
			assertThat(client.readLine()).isEqualTo("OK mode calc");
			assertThat(client.readLine()).isEqualTo("-64");
			assertThat(client.readLine()).isEqualTo("ERR division by zero");
			assertThat(client.readLine()).isEqualTo("ERR syntax error at position 3");
			assertThat(client.readLine()).isEqualTo("ERR result out of range");
			assertThat(client.readLine()).isEqualTo("3.5");
			assertThat(client.readLine()).isEqualTo("OK mode echo");
			assertThat(client.readLine()).isEqualTo("7/2");
		}
	}

	@Test
	void countsOpenConnections() throws IOException {
		try (TestClient first = TestClient.greeted(this.port); TestClient second = TestClient.greeted(this.port)) {
			second.send("/count");
			assertThat(second.readLine()).isEqualTo("2");
		}
	}

	@Test
	void saysGoodbyeAndClosesOnQuit() throws IOException {
		try (TestClient client = TestClient.greeted(this.port)) {
			client.send("/quit");
			assertThat(client.readLine()).isEqualTo("BYE");
			assertThat(client.awaitClose()).isTrue();
		}
	}

	@Test
	void runsAChatRoomForThreeClients() throws IOException {
		try (TestClient ann = TestClient.greeted(this.port);
				TestClient bob = TestClient.greeted(this.port);
				TestClient guest = TestClient.greeted(this.port)) {
			ann.send("/nick ann", "/mode chat");
			assertThat(ann.readLine()).isEqualTo("OK nick ann");
			assertThat(ann.readLine()).isEqualTo("OK mode chat, you are ann");
			bob.send("/nick ANN", "/nick bob", "/mode chat");
			assertThat(bob.readLine()).isEqualTo("ERR nickname in use");
			assertThat(bob.readLine()).isEqualTo("OK nick bob");
			assertThat(bob.readLine()).isEqualTo("OK mode chat, you are bob");
			assertThat(ann.readLine()).isEqualTo("* bob joined");
			guest.send("/mode chat");
			String joined = guest.readLine();
			assertThat(joined).startsWith("OK mode chat, you are guest");
			String guestName = joined.substring(joined.lastIndexOf(' ') + 1);
			assertThat(ann.readLine()).isEqualTo("* " + guestName + " joined");
			assertThat(bob.readLine()).isEqualTo("* " + guestName + " joined");

			ann.send("hello \u001b[2Jroom");
			assertThat(bob.readLine()).isEqualTo("<ann> hello \\x1B[2Jroom");
			assertThat(guest.readLine()).isEqualTo("<ann> hello \\x1B[2Jroom");
			ann.send("/who");
			assertThat(readList(ann)).containsExactly("ann", "bob", guestName);

			bob.send("/nick robert");
			assertThat(bob.readLine()).isEqualTo("OK nick robert");
			assertThat(ann.readLine()).isEqualTo("* bob is now known as robert");
			assertThat(guest.readLine()).isEqualTo("* bob is now known as robert");

			guest.close();
			assertThat(ann.readLine()).isEqualTo("* " + guestName + " left");
			assertThat(bob.readLine()).isEqualTo("* " + guestName + " left");
			bob.send("/mode echo");
			assertThat(bob.readLine()).isEqualTo("OK mode echo");
			assertThat(ann.readLine()).isEqualTo("* robert left");
			ann.send("/who");
			assertThat(readList(ann)).containsExactly("ann");
			assertThat(ann.exchange("/nick ROBERT")).isEqualTo("ERR nickname in use");
			assertThat(bob.exchange("/nick")).isEqualTo("robert");
		}
	}

	@Test
	void dropsChatLinesOverTheRateAndCountsThem() throws IOException {
		long floods = this.registry.traffic().errors(ErrorType.FLOOD);
		try (TestClient ann = TestClient.greeted(this.port); TestClient bob = TestClient.greeted(this.port)) {
			assertThat(ann.exchange("/mode chat")).startsWith("OK mode chat");
			assertThat(bob.exchange("/mode chat")).startsWith("OK mode chat");
			assertThat(ann.readLine()).endsWith(" joined");
			String[] burst = new String[60];
			for (int i = 0; i < burst.length; i++) {
				burst[i] = "spam " + i;
			}
			ann.send(burst).send("/echo done");
			assertThat(ann.readLine()).isEqualTo("ERR slow down (max 20 chat lines per second)");
			assertThat(ann.readLine()).isEqualTo("done");
			bob.send("/echo end");
			int relayed = 0;
			for (String line = bob.readLine(); !"end".equals(line); line = bob.readLine()) {
				assertThat(line).contains("> spam ");
				relayed++;
			}
			assertThat(relayed).isBetween(20, 59);
			assertThat(this.registry.traffic().errors(ErrorType.FLOOD)).isEqualTo(floods + 60 - relayed);
		}
	}

	private static List<String> readList(TestClient client) throws IOException {
		List<String> lines = new ArrayList<>();
		for (String line = client.readLine(); !".".equals(line); line = client.readLine()) {
			assertThat(line).isNotNull();
			lines.add(line);
		}
		return lines;
	}

}
