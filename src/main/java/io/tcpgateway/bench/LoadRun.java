package io.tcpgateway.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.List;
import java.util.Locale;

/**
 * Closed-loop load from one selector thread: each connection keeps {@code pipeline} lines
 * in flight and sends a new one whenever a verified reply completes.
 */
final class LoadRun {

	private LoadRun() {
	}

	static Result run(BenchOptions options) throws IOException {
		FailureReport errors = new FailureReport();
		LatencyHistogram latencies = new LatencyHistogram();
		ByteBuffer buffer = ByteBuffer.allocateDirect(64 * 1024);
		try (Selector selector = Selector.open()) {
			long opening = System.nanoTime();
			List<LoadSocket> connections = Connector.open(selector, buffer, options, latencies, errors);
			double connectSeconds = (System.nanoTime() - opening) / 1e9;
			try {
				return load(selector, buffer, connections, options, latencies, errors)
					.connected(connections.size() / Math.max(connectSeconds, 1e-9));
			}
			finally {
				connections.forEach(LoadSocket::close);
			}
		}
	}

	private static Result load(Selector selector, ByteBuffer buffer, List<LoadSocket> connections, BenchOptions options,
			LatencyHistogram latencies, FailureReport errors) throws IOException {
		if (connections.isEmpty()) {
			return new Result(options, 0, 0, latencies, errors.count(), 0);
		}
		System.err.printf("bench: %d connections open, warming up for %s, then measuring for %s%n", connections.size(),
				BenchOptions.format(options.warmup()), BenchOptions.format(options.duration()));
		long start = System.nanoTime();
		int live = connections.size();
		for (LoadSocket connection : connections) {
			try {
				send(connection.channel.keyFor(selector), connection, options.pipeline(), start);
			}
			catch (IOException ex) {
				live = fail(connection, ex, live, errors);
			}
		}
		boolean measuring = false;
		long measureStart = start;
		long end = start + options.warmup().toNanos();
		long messages = 0;
		while (live > 0) {
			long now = System.nanoTime();
			if (now >= end) {
				if (measuring) {
					break;
				}
				// Warm-up over: drop what was counted so far and start the measured
				// window.
				measuring = true;
				latencies.reset();
				messages = 0;
				measureStart = now;
				end = now + options.duration().toNanos();
			}
			selector.select(Math.max(1, (end - now) / 1_000_000));
			for (SelectionKey key : selector.selectedKeys()) {
				LoadSocket connection = (LoadSocket) key.attachment();
				long time = System.nanoTime();
				try {
					if (key.isReadable()) {
						int completed = connection.read(buffer, time);
						messages += completed;
						if (completed > 0) {
							send(key, connection, completed, time);
						}
					}
					if (key.isValid() && key.isWritable() && connection.flush()) {
						key.interestOps(SelectionKey.OP_READ);
					}
				}
				catch (IOException ex) {
					live = fail(connection, ex, live, errors);
				}
			}
			selector.selectedKeys().clear();
		}
		double seconds = measuring ? (System.nanoTime() - measureStart) / 1e9 : 0;
		return new Result(options, messages, seconds, latencies, errors.count(), 0);
	}

	private static void send(SelectionKey key, LoadSocket connection, int count, long now) throws IOException {
		boolean drained = connection.send(count, now);
		key.interestOps(drained ? SelectionKey.OP_READ : SelectionKey.OP_READ | SelectionKey.OP_WRITE);
	}

	private static int fail(LoadSocket connection, IOException ex, int live, FailureReport errors) {
		errors.add("connection " + connection.id + ": " + ex.getMessage());
		connection.close();
		return live - 1;
	}

	/**
	 * Outcome of a load run, printed as one {@code key=value} line.
	 *
	 * @param options the options of the run
	 * @param messages replies completed in the measured window
	 * @param seconds length of the measured window
	 * @param latencies round-trip latencies of the measured window
	 * @param errors connect failures, early closes and mismatched echoes
	 * @param connectRate connections opened and greeted a second (with TLS: full
	 * handshakes a second), up to 200 at a time
	 */
	record Result(BenchOptions options, long messages, double seconds, LatencyHistogram latencies, long errors,
			double connectRate) {

		Result connected(double rate) {
			return new Result(this.options, this.messages, this.seconds, this.latencies, this.errors, rate);
		}

		String summary() {
			double rate = (this.seconds > 0) ? this.messages / this.seconds : 0;
			return String.format(Locale.ROOT,
					"connections=%d pipeline=%d size=%d duration=%.1fs messages=%d msg/s=%.0f MB/s=%.1f"
							+ " p50=%dus p99=%dus p999=%dus max=%dus errors=%d connects/s=%.0f",
					this.options.connections(), this.options.pipeline(), this.options.size(), this.seconds,
					this.messages, rate, rate * this.options.size() / 1e6, this.latencies.percentile(50),
					this.latencies.percentile(99), this.latencies.percentile(99.9), this.latencies.max(), this.errors,
					this.connectRate);
		}

		int exitCode() {
			return (this.errors == 0 && this.messages > 0) ? 0 : 1;
		}

	}

}
