package io.tcpgateway.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.awaitility.Awaitility.await;

/**
 * A real {@code redis-sentinel} on a free loopback port that watches one primary, with a
 * configuration file of its own, since Sentinel rewrites it.
 */
public final class RedisSentinel implements AutoCloseable {

	/** The name under which the sentinels know the primary. */
	public static final String MASTER = "gateway";

	private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(20);

	private final int port;

	private final Path folder;

	private final ServerProcess process;

	private RedisSentinel(Path executable, int port, Path folder) {
		this.port = port;
		this.folder = folder;
		this.process = new ServerProcess(List.of(executable.toString(), folder.resolve("sentinel.conf").toString()),
				"redis-sentinel-" + port);
	}

	/**
	 * Starts a sentinel that watches a primary on loopback, with a quorum of two, and
	 * waits until it answers PING; skips or fails the test when {@code redis-sentinel} is
	 * not installed.
	 * @param primaryPort the primary's port
	 * @param downAfter how long the primary may not answer before this sentinel thinks it
	 * down
	 * @param failoverTimeout Sentinel's {@code failover-timeout}
	 * @return the running sentinel
	 */
	public static RedisSentinel startOnFreePort(int primaryPort, Duration downAfter, Duration failoverTimeout) {
		Path executable = ExternalProgram.redisSentinel();
		try {
			int port = FreePorts.loopback();
			Path folder = Files.createTempDirectory("redis-sentinel-");
			Files.writeString(folder.resolve("sentinel.conf"),
					String.join("\n", "port " + port, "bind " + RedisServer.HOST, "protected-mode no", "daemonize no",
							"dir " + folder,
							"sentinel monitor " + MASTER + " " + RedisServer.HOST + " " + primaryPort + " 2",
							"sentinel down-after-milliseconds " + MASTER + " " + downAfter.toMillis(),
							"sentinel failover-timeout " + MASTER + " " + failoverTimeout.toMillis(), ""));
			RedisSentinel sentinel = new RedisSentinel(executable, port, folder);
			try {
				sentinel.process.start();
				await().atMost(STARTUP_TIMEOUT).pollInterval(Duration.ofMillis(50)).until(sentinel::answersPing);
			}
			catch (RuntimeException ex) {
				sentinel.close();
				throw ex;
			}
			return sentinel;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public int port() {
		return this.port;
	}

	/**
	 * The port of the primary this sentinel names now.
	 * @return the port
	 * @throws IOException if the sentinel does not answer
	 */
	public int primaryPort() throws IOException {
		String[] address = RedisServer.call(this.port, "SENTINEL", "get-master-addr-by-name", MASTER).split("\n");
		return Integer.parseInt(address[1]);
	}

	/**
	 * Whether enough sentinels know the primary and each other to fail over, with
	 * {@code SENTINEL CKQUORUM}.
	 * @return {@code true} if they can
	 */
	public boolean canFailOver() {
		try {
			return RedisServer.call(this.port, "SENTINEL", "ckquorum", MASTER).startsWith("OK");
		}
		catch (IOException ex) {
			return false;
		}
	}

	@Override
	public void close() {
		this.process.stop();
		ServerProcess.deleteRecursively(this.folder);
	}

	private boolean answersPing() {
		this.process.assertAlive();
		try {
			return "PONG".equals(RedisServer.call(this.port, "PING"));
		}
		catch (IOException ex) {
			return false;
		}
	}

}
