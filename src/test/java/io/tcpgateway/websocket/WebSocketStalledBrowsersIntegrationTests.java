package io.tcpgateway.websocket;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.tcpgateway.TestClient;
import io.tcpgateway.connection.Alarms;
import io.tcpgateway.connection.ConnectionRegistry;
import io.tcpgateway.connection.ErrorType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Browsers that never read hold no thread: alarms to hundreds of them leave the live
 * threads where they were and a new browser is greeted at once, and each stalled browser
 * is closed as a slow consumer, over the pending output limit or past the send time
 * limit.
 *
 * <p>
 * The server's sockets get a small send buffer: on loopback the kernel would otherwise
 * take megabytes for each browser before a send waits, where a real network fills up
 * after a few kilobytes.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = { "gateway.tcp.port=0",
		"gateway.tcp.max-pending-output=256KB", "gateway.websocket.send-time-limit=2s" })
class WebSocketStalledBrowsersIntegrationTests {

	private static final Duration SEND_TIME_LIMIT = Duration.ofSeconds(2);

	private static final String ALARM = "x".repeat(6000);

	private final List<AutoCloseable> clients = new ArrayList<>();

	private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

	@LocalServerPort
	int httpPort;

	@Autowired
	Alarms alarms;

	@Autowired
	ConnectionRegistry registry;

	@AfterEach
	void closeClients() throws Exception {
		for (AutoCloseable client : this.clients) {
			client.close();
		}
		await().atMost(Duration.ofSeconds(30)).until(() -> this.registry.count() == 0);
	}

	@Test
	void sixHundredBrowsersThatNeverReadHoldNoThreadsAndAreClosedAsSlowConsumers() throws IOException {
		warmUp();
		int baseline = this.threads.getThreadCount();
		this.threads.resetPeakThreadCount();
		List<StalledBrowser> stalled = openStalled(600);
		long slowBefore = this.registry.traffic().errors(ErrorType.SLOW_CONSUMER);
		for (int i = 0; i < 60; i++) {
			alarm(i + " " + ALARM);
		}
		long start = System.nanoTime();
		try (BrowserSocket fresh = BrowserSocket.connect(this.httpPort)) {
			assertThat(fresh.next()).isEqualTo(TestClient.GREETING);
			assertThat(fresh.exchange("still served")).isEqualTo("still served");
			Duration greeted = Duration.ofNanos(System.nanoTime() - start);
			int afterAlarms = this.threads.getThreadCount();
			await().atMost(Duration.ofSeconds(30)).until(() -> this.registry.count("websocket") == 1);
			int peak = this.threads.getPeakThreadCount();
			System.out.printf(
					"%d stalled browsers, 60 alarms of 6 KB: live threads %d before, %d after the alarms, "
							+ "peak %d; a new browser greeted and answered in %d ms%n",
					stalled.size(), baseline, afterAlarms, peak, greeted.toMillis());
			assertThat(greeted).isLessThan(Duration.ofSeconds(1));
			assertThat(peak).isLessThan(baseline + 30);
			assertThat(this.registry.traffic().errors(ErrorType.SLOW_CONSUMER)).isEqualTo(slowBefore + 600);
		}
	}

	@Test
	void closesBrowsersWhoseLineWaitsLongerThanTheSendTimeLimit() throws IOException {
		List<StalledBrowser> stalled = openStalled(20);
		long slowBefore = this.registry.traffic().errors(ErrorType.SLOW_CONSUMER);
		long start = System.nanoTime();
		// 120 KB each: more than a socket takes, less than the pending output limit
		for (int i = 0; i < 20; i++) {
			alarm(i + " " + ALARM);
		}
		await().atMost(Duration.ofSeconds(20)).until(() -> this.registry.count("websocket") == 0);
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(SEND_TIME_LIMIT);
		assertThat(this.registry.traffic().errors(ErrorType.SLOW_CONSUMER)).isEqualTo(slowBefore + stalled.size());
	}

	/**
	 * Starts the threads that the test's own client uses, so that they are not counted as
	 * the gateway's.
	 */
	private void warmUp() {
		try (BrowserSocket browser = BrowserSocket.greeted(this.httpPort)) {
			alarm("warming up");
			assertThat(browser.next()).isEqualTo("! warming up");
		}
		await().atMost(Duration.ofSeconds(20)).until(() -> this.registry.count() == 0);
	}

	private List<StalledBrowser> openStalled(int count) throws IOException {
		List<StalledBrowser> stalled = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			StalledBrowser browser = StalledBrowser.open(this.httpPort);
			this.clients.add(browser);
			stalled.add(browser);
		}
		await().atMost(Duration.ofSeconds(20)).until(() -> this.registry.count("websocket") == count);
		return stalled;
	}

	private void alarm(String message) {
		assertThat(this.alarms.invalid(message)).isNull();
		this.alarms.raise(message);
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class SmallSendBuffers {

		@Bean
		TomcatConnectorCustomizer smallSendBuffers() {
			return (connector) -> connector.setProperty("socket.txBufSize", "16384");
		}

	}

}
