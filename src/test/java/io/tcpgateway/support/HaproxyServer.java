package io.tcpgateway.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.awaitility.Awaitility.await;

/**
 * A real {@code haproxy} in TCP mode on a free loopback port, balancing by least
 * connections over the given backends, each sent a PROXY protocol header or none.
 */
public final class HaproxyServer implements AutoCloseable {

	/** The address the frontend binds. */
	public static final String HOST = "127.0.0.1";

	private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(20);

	private final int port;

	private final Path folder;

	private final ServerProcess process;

	private HaproxyServer(int port, Path folder, ServerProcess process) {
		this.port = port;
		this.folder = folder;
		this.process = process;
	}

	/**
	 * Writes a configuration, starts {@code haproxy -db} and waits until the frontend
	 * listens; skips or fails the test when {@code haproxy} is not installed.
	 * @param backends the servers behind the frontend, at least one
	 * @return the running proxy
	 */
	public static HaproxyServer start(HaproxyBackend... backends) {
		Path executable = ExternalProgram.haproxy();
		int port = FreePorts.loopback();
		try {
			Path folder = Files.createTempDirectory("haproxy-");
			Path config = Files.writeString(folder.resolve("haproxy.cfg"),
					HaproxyConfig.render(port, List.of(backends)));
			ServerProcess process = new ServerProcess(List.of(executable.toString(), "-db", "-f", config.toString()),
					"haproxy-" + port);
			HaproxyServer server = new HaproxyServer(port, folder, process);
			server.awaitStarted();
			return server;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The frontend port that clients connect to.
	 * @return the port on {@link #HOST}
	 */
	public int port() {
		return this.port;
	}

	/**
	 * The configuration file that haproxy runs with, to read when a test fails.
	 * @return the file
	 */
	public Path config() {
		return this.folder.resolve("haproxy.cfg");
	}

	/**
	 * Stops the haproxy this object started and deletes its folder.
	 */
	@Override
	public void close() {
		this.process.stop();
		ServerProcess.deleteRecursively(this.folder);
	}

	private void awaitStarted() {
		this.process.start();
		try {
			await().atMost(STARTUP_TIMEOUT).pollInterval(Duration.ofMillis(50)).until(() -> {
				this.process.assertAlive();
				return FreePorts.isListening(this.port);
			});
		}
		catch (RuntimeException ex) {
			close();
			throw ex;
		}
	}

}
