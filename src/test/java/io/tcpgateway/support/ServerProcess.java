package io.tcpgateway.support;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One external server process that a test started: its output goes to a log file under
 * {@code target/test-servers}, and it is stopped with SIGTERM by its own process id only,
 * also when the test JVM exits early.
 */
final class ServerProcess {

	private static final Path LOG_FOLDER = Path.of("target", "test-servers");

	private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

	private final List<String> command;

	private final Path log;

	private Process process;

	private Thread shutdownHook;

	private Thread logCopier;

	ServerProcess(List<String> command, String logName) {
		this.command = List.copyOf(command);
		this.log = LOG_FOLDER.resolve(logName + ".log").toAbsolutePath();
	}

	synchronized void start() {
		if (isAlive()) {
			throw new IllegalStateException("already running: " + this.command.get(0));
		}
		try {
			Files.createDirectories(LOG_FOLDER);
			OutputStream out = Files.newOutputStream(this.log, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
			out.write(
					("$ " + String.join(" ", this.command) + System.lineSeparator()).getBytes(StandardCharsets.UTF_8));
			out.flush();
			Process started;
			try {
				started = new ProcessBuilder(this.command).redirectErrorStream(true)
					.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
					.start();
			}
			catch (IOException ex) {
				out.close();
				throw ex;
			}
			this.logCopier = copyOutput(started.getInputStream(), out);
			this.process = started;
			this.shutdownHook = new Thread(started::destroyForcibly, "stop " + this.command.get(0));
			Runtime.getRuntime().addShutdownHook(this.shutdownHook);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Copies the output through a pipe rather than handing the program the log file,
	 * since haproxy clears {@code O_APPEND} on its stdout and would write over earlier
	 * lines.
	 */
	private Thread copyOutput(InputStream output, OutputStream log) {
		Thread copier = new Thread(() -> {
			try (output; log) {
				output.transferTo(log);
			}
			catch (IOException ex) {
				// The process has gone; what it printed so far is in the log.
			}
		}, "log " + this.log.getFileName());
		copier.setDaemon(true);
		copier.start();
		return copier;
	}

	synchronized boolean isAlive() {
		return this.process != null && this.process.isAlive();
	}

	/**
	 * Fails when the process has exited, so a wait for readiness ends at once.
	 */
	void assertAlive() {
		if (!isAlive()) {
			throw new IllegalStateException(this.command.get(0) + " exited; see " + this.log);
		}
	}

	/**
	 * Kills the process with SIGKILL, as a crash would, and waits for it to exit.
	 */
	synchronized void kill() {
		if (this.process == null) {
			return;
		}
		try {
			this.process.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		removeShutdownHook();
		this.process = null;
	}

	/**
	 * Sends the process a signal by its id, such as {@code STOP} to hang it and
	 * {@code CONT} to let it go on.
	 * @param signal the signal's name without {@code SIG}
	 */
	synchronized void signal(String signal) {
		if (this.process == null) {
			throw new IllegalStateException("not running: " + this.command.get(0));
		}
		try {
			Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(this.process.pid())).inheritIO()
				.start();
			if (!kill.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS) || kill.exitValue() != 0) {
				throw new IllegalStateException("kill -" + signal + " " + this.process.pid() + " failed");
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	synchronized void stop() {
		if (this.process == null) {
			return;
		}
		this.process.destroy();
		try {
			if (!this.process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
				this.process.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
			}
			this.logCopier.join(STOP_TIMEOUT.toMillis());
		}
		catch (InterruptedException ex) {
			this.process.destroyForcibly();
			Thread.currentThread().interrupt();
		}
		removeShutdownHook();
		this.process = null;
	}

	private void removeShutdownHook() {
		try {
			Runtime.getRuntime().removeShutdownHook(this.shutdownHook);
		}
		catch (IllegalStateException ex) {
			// The JVM is already shutting down and runs the hook itself.
		}
	}

	static void deleteRecursively(Path folder) {
		if (!Files.exists(folder)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(folder)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(path);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
