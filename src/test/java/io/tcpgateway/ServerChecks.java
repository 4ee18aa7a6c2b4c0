package io.tcpgateway;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.PlatformManagedObject;
import java.nio.file.Files;
import java.nio.file.Path;
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

	/**
	 * Counts live threads, virtual ones included: on Java 21+ from a JSON thread dump,
	 * which lists virtual threads, and on Java 17, which has none, from the thread bean.
	 * @return the number of live threads
	 */
	public static int liveThreads() {
		try {
			Class<?> diagnostics = Class.forName("com.sun.management.HotSpotDiagnosticMXBean");
			Class<?> format = Class.forName("com.sun.management.HotSpotDiagnosticMXBean$ThreadDumpFormat");
			Object bean = ManagementFactory.getPlatformMXBean(diagnostics.asSubclass(PlatformManagedObject.class));
			Path dump = Files.createTempDirectory("threads").resolve("dump.json");
			try {
				diagnostics.getMethod("dumpThreads", String.class, format)
					.invoke(bean, dump.toString(), format.getField("JSON").get(null));
				return count(Files.readString(dump), "\"tid\"");
			}
			finally {
				Files.deleteIfExists(dump);
				Files.deleteIfExists(dump.getParent());
			}
		}
		catch (ClassNotFoundException | NoSuchMethodException | NoSuchFieldException ex) {
			return ManagementFactory.getThreadMXBean().getThreadCount();
		}
		catch (ReflectiveOperationException | IOException ex) {
			throw new IllegalStateException("cannot count threads", ex);
		}
	}

	private static int count(String text, String word) {
		int count = 0;
		for (int at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
			count++;
		}
		return count;
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
