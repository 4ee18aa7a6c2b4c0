package io.tcpgateway;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.time.Duration;

import io.tcpgateway.connection.ConnectionRegistry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What every robustness test checks afterwards: nothing left open, threads back near
 * where they started, and a fresh client served promptly.
 */
public final class ServerChecks {

	private static final int THREAD_SLACK = 8;

	private ServerChecks() {
	}

	public static int liveThreads() {
		return ManagementFactory.getThreadMXBean().getThreadCount();
	}

	/**
	 * Asserts the server is healthy after a test.
	 * @param port the TCP port
	 * @param registry the open connections
	 * @param threadsBefore the live threads when the test started
	 * @throws IOException if the fresh client cannot talk to the server
	 */
	public static void assertHealthy(int port, ConnectionRegistry registry, int threadsBefore) throws IOException {
		await().atMost(Duration.ofSeconds(10)).until(() -> registry.count() == 0 && registry.all().isEmpty());
		long start = System.nanoTime();
		try (TestClient fresh = TestClient.connect(port)) {
			assertThat(fresh.readLine()).isEqualTo(TestClient.GREETING);
			fresh.send("still healthy");
			assertThat(fresh.readLine()).isEqualTo("still healthy");
		}
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
		await().atMost(Duration.ofSeconds(10)).until(() -> registry.count() == 0 && registry.all().isEmpty());
		await().atMost(Duration.ofSeconds(15)).until(() -> liveThreads() <= threadsBefore + THREAD_SLACK);
	}

}
