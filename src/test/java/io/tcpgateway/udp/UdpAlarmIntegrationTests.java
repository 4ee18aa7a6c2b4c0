package io.tcpgateway.udp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.tcpgateway.TestClient;
import io.tcpgateway.connection.ConnectionEvent;
import io.tcpgateway.connection.EventLog;
import io.tcpgateway.connection.EventType;
import io.tcpgateway.settings.GatewayProperties;
import io.tcpgateway.support.ExternalProgram;
import io.tcpgateway.websocket.BrowserSocket;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Alarms over UDP, end to end: real datagrams in, real TCP and WebSocket clients out.
 * Each test sends from a loopback address of its own, so that the rate allowances of
 * different tests do not mix; a drop is shown by a good alarm sent after it arriving
 * first.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = { "gateway.tcp.port=0",
		"gateway.udp.alarm-port=0", "gateway.udp.alarm-secret=" + UdpSender.SECRET })
class UdpAlarmIntegrationTests extends AbstractUdpAlarmIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	@LocalServerPort
	int httpPort;

	@Autowired
	EventLog events;

	@Autowired
	GatewayProperties properties;

	@Test
	void aSignedDatagramReachesTcpAndWebSocketClientsAsAnAlarmAndIsAudited() throws IOException {
		double accepted = accepted();
		try (TestClient tcp = TestClient.greeted(this.tcpServer.getPort());
				BrowserSocket browser = BrowserSocket.greeted(this.httpPort);
				UdpSender sender = UdpSender.from("127.0.0.11", this.udpPort)) {
			sender.alarm("disk full on web1");
			assertThat(tcp.readLine()).isEqualTo("! disk full on web1");
			assertThat(browser.next()).isEqualTo("! disk full on web1");
		}
		assertThat(accepted()).isEqualTo(accepted + 1);
		// Audited once sent, so perhaps a moment after the clients have it.
		await().atMost(WAIT)
			.untilAsserted(
					() -> assertThat(this.events.recent(100)).filteredOn((event) -> event.type() == EventType.AUDIT)
						.map(ConnectionEvent::detail)
						.anySatisfy((line) -> assertThat(line).startsWith("audit who=udp from=\"udp 127.0.0.11:")
							.contains(" action=broadcast target=\"disk full on web1\" outcome=\"done: id ")));
	}

	@Test
	void dropsAndCountsADatagramWithAWrongMac() throws IOException {
		byte[] forged = new AlarmSigner("not-the-gateways-secret").datagram(UdpSender.now(), "forged");
		assertDropped("mac", "127.0.0.12", (sender) -> sender.send(forged));
	}

	@Test
	void dropsAndCountsAReplayedDatagram() throws IOException {
		byte[] datagram = UdpSender.SIGNER.datagram(UdpSender.now(), "sent twice");
		try (TestClient tcp = TestClient.greeted(this.tcpServer.getPort());
				UdpSender sender = UdpSender.from("127.0.0.13", this.udpPort)) {
			sender.send(datagram);
			assertThat(tcp.readLine()).isEqualTo("! sent twice");
		}
		assertDropped("replay", "127.0.0.13", (sender) -> sender.send(datagram));
	}

	@Test
	void dropsAndCountsDatagramsStampedOutsideTheWindow() throws IOException {
		long window = this.properties.udp().alarmWindow().toSeconds();
		assertDropped("stale", "127.0.0.14",
				(sender) -> sender.send(UdpSender.SIGNER.datagram(UdpSender.now() - window - 60, "too old"))
					.send(UdpSender.SIGNER.datagram(UdpSender.now() + window + 60, "too new")));
	}

	@Test
	void dropsAndCountsADatagramLongerThanTheLineLimit() throws IOException {
		String text = "x".repeat(this.properties.tcp().maxLineLength());
		assertDropped("size", "127.0.0.15", (sender) -> sender.alarm(text));
	}

	@Test
	void dropsAndCountsDatagramsNotInTheFormatOrWithTextThatCannotBeAnAlarm() throws IOException {
		assertDropped("format", "127.0.0.16", (sender) -> sender.send("disk full"));
		assertDropped("invalid", "127.0.0.16", (sender) -> sender.alarm("two\rlines"));
	}

	@Test
	void dropsAndCountsAFloodFromOneSourceBeyondItsBurst() throws IOException {
		int flood = 60;
		double accepted = accepted();
		double rated = dropped("rate");
		List<String> received = new ArrayList<>();
		try (TestClient tcp = TestClient.greeted(this.tcpServer.getPort());
				UdpSender sender = UdpSender.from("127.0.0.17", this.udpPort)) {
			for (int i = 0; i < flood; i++) {
				sender.alarm("flood " + i);
			}
			await().atMost(WAIT).until(() -> accepted() - accepted + dropped("rate") - rated == flood);
			sendMarker("after the flood");
			for (String line = tcp.readLine(); !line.equals("! after the flood"); line = tcp.readLine()) {
				received.add(line);
			}
		}
		int passed = (int) (accepted() - accepted) - 1;
		// The burst of 10 passes, and one more per 100 ms the sending took; the rest not.
		assertThat(passed).isBetween(10, 30);
		assertThat(dropped("rate") - rated).isEqualTo(flood - passed);
		assertThat(received).hasSize(passed).allSatisfy((line) -> assertThat(line).startsWith("! flood "));
	}

	@Test
	void theAlarmCommandSendsOneThatArrives() throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		try (TestClient tcp = TestClient.greeted(this.tcpServer.getPort())) {
			int exit = AlarmCommand.run(
					new String[] { "--udp=127.0.0.1:" + this.udpPort, "--secret=" + UdpSender.SECRET,
							"backup failed on db2" },
					Map.of(), Clock.systemUTC(), new PrintStream(out, true, StandardCharsets.UTF_8),
					new PrintStream(err, true, StandardCharsets.UTF_8));
			assertThat(exit).isZero();
			assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
			assertThat(tcp.readLine()).isEqualTo("! backup failed on db2");
		}
	}

	@Test
	void theAlarmCommandExitsWithTwoAndSaysWhyOnBadArguments() {
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int exit = AlarmCommand.run(new String[] { "--udp=127.0.0.1:" + this.udpPort, "no secret" }, Map.of(),
				Clock.systemUTC(), System.out, new PrintStream(err, true, StandardCharsets.UTF_8));
		assertThat(exit).isEqualTo(2);
		assertThat(err.toString(StandardCharsets.UTF_8))
			.startsWith("alarm: --secret=SECRET (or GATEWAY_UDP_ALARMSECRET) is required")
			.contains("usage: java -jar tcp-gateway.jar alarm");
	}

	@Test
	void theReadmesShellOneLinerSendsOneThatArrives() throws Exception {
		ExternalProgram.openssl();
		ExternalProgram.socat();
		String oneLiner = Files.readAllLines(Path.of("README.md"))
			.stream()
			.map(String::strip)
			.filter((line) -> line.startsWith("TS=$(date +%s);"))
			.findFirst()
			.orElseThrow();
		try (TestClient tcp = TestClient.greeted(this.tcpServer.getPort())) {
			ProcessBuilder bash = new ProcessBuilder("bash", "-c", oneLiner).redirectErrorStream(true);
			bash.environment().put("SECRET", UdpSender.SECRET);
			bash.environment().put("GATEWAY", "127.0.0.1:" + this.udpPort);
			Process process = bash.start();
			assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
			assertThat(process.exitValue()).as(() -> new String(readAll(process), StandardCharsets.UTF_8)).isZero();
			assertThat(tcp.readLine()).isEqualTo("! disk full on db1");
		}
	}

	private void assertDropped(String reason, String source, SenderAction action) throws IOException {
		double before = dropped(reason);
		double accepted = accepted();
		int sent;
		try (TestClient tcp = TestClient.greeted(this.tcpServer.getPort());
				UdpSender sender = UdpSender.from(source, this.udpPort)) {
			action.sendWith(sender);
			await().atMost(WAIT).until(() -> dropped(reason) > before);
			sendMarker("after " + reason);
			assertThat(tcp.readLine()).isEqualTo("! after " + reason);
		}
		assertThat(accepted()).isEqualTo(accepted + 1);
	}

	// From an address no test sends from, so that its allowance is always full.
	private void sendMarker(String text) throws IOException {
		try (UdpSender sender = UdpSender.from("127.0.0.99", this.udpPort)) {
			sender.alarm(text);
		}
	}

	private static byte[] readAll(Process process) {
		try {
			return process.getInputStream().readAllBytes();
		}
		catch (IOException ex) {
			return new byte[0];
		}
	}

	@FunctionalInterface
	private interface SenderAction {

		void sendWith(UdpSender sender);

	}

}
