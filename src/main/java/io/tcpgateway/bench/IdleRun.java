package io.tcpgateway.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.List;
import java.util.Locale;

/**
 * Opens the connections, holds them idle for {@code --hold}, and counts how many are
 * still open at the end; used to measure the server's memory per connection.
 */
final class IdleRun {

	private IdleRun() {
	}

	static Result run(BenchOptions options) throws IOException {
		FailureReport errors = new FailureReport();
		ByteBuffer buffer = ByteBuffer.allocateDirect(8 * 1024);
		try (Selector selector = Selector.open()) {
			List<LoadSocket> connections = Connector.open(selector, buffer, options, new LatencyHistogram(), errors);
			try {
				return new Result(options.connections(), hold(selector, buffer, connections, options, errors),
						errors.count());
			}
			finally {
				connections.forEach(LoadSocket::close);
			}
		}
	}

	private static int hold(Selector selector, ByteBuffer buffer, List<LoadSocket> connections, BenchOptions options,
			FailureReport errors) throws IOException {
		int held = connections.size();
		if (held == 0) {
			return 0;
		}
		// compare.sh waits for this line before it samples the server's memory.
		System.err.printf("bench: holding %d idle connections for %s%n", held, BenchOptions.format(options.hold()));
		long end = System.nanoTime() + options.hold().toNanos();
		for (long now = System.nanoTime(); now < end && held > 0; now = System.nanoTime()) {
			selector.select(Math.max(1, (end - now) / 1_000_000));
			for (SelectionKey key : selector.selectedKeys()) {
				LoadSocket connection = (LoadSocket) key.attachment();
				try {
					connection.read(buffer, now);
				}
				catch (IOException ex) {
					errors.add("connection " + connection.id + ": " + ex.getMessage());
					connection.close();
					held--;
				}
			}
			selector.selectedKeys().clear();
		}
		return held;
	}

	/**
	 * Outcome of an idle run, printed as one {@code key=value} line.
	 *
	 * @param connections connections requested
	 * @param held connections still open when the hold time elapsed
	 * @param errors connect failures, early closes and unexpected data
	 */
	record Result(int connections, int held, long errors) {

		String summary() {
			return String.format(Locale.ROOT, "idle connections=%d held=%d errors=%d", this.connections, this.held,
					this.errors);
		}

		int exitCode() {
			return (this.errors == 0 && this.held == this.connections) ? 0 : 1;
		}

	}

}
