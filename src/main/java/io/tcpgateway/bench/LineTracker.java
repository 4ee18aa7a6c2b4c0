package io.tcpgateway.bench;

import java.net.ProtocolException;
import java.nio.ByteBuffer;

/**
 * Tracks the lines in flight on one connection and checks every received byte: first the
 * greeting line is skipped, then each reply must be the sent line again, in order.
 */
final class LineTracker {

	private final int connection;

	private final long[] sentAt;

	private final byte[] expected;

	private final LatencyHistogram latencies;

	private long sent;

	private long acked;

	private int matched;

	private boolean greeted;

	LineTracker(int connection, int size, int pipeline, LatencyHistogram latencies) {
		this.connection = connection;
		this.sentAt = new long[pipeline];
		this.expected = new byte[size];
		this.latencies = latencies;
	}

	boolean greeted() {
		return this.greeted;
	}

	int inFlight() {
		return (int) (this.sent - this.acked);
	}

	/**
	 * Writes the next line into {@code line} and remembers when it was sent.
	 */
	void next(byte[] line, long nanoTime) {
		if (inFlight() == this.sentAt.length) {
			throw new IllegalStateException("pipeline is full");
		}
		Payload.fill(line, this.connection, this.sent);
		this.sentAt[(int) (this.sent % this.sentAt.length)] = nanoTime;
		this.sent++;
	}

	/**
	 * Consumes the received bytes and returns how many replies they completed.
	 * @throws ProtocolException if a byte differs from the expected echo
	 */
	int consume(ByteBuffer received, long nanoTime) throws ProtocolException {
		int completed = 0;
		while (received.hasRemaining()) {
			byte b = received.get();
			if (!this.greeted) {
				this.greeted = (b == '\n');
				continue;
			}
			if (this.acked == this.sent) {
				throw new ProtocolException("unexpected byte " + describe(b) + " with no line in flight");
			}
			if (this.matched == 0) {
				Payload.fill(this.expected, this.connection, this.acked);
			}
			if (b != this.expected[this.matched]) {
				throw new ProtocolException("reply to line " + this.acked + " differs at byte " + this.matched
						+ ": expected " + describe(this.expected[this.matched]) + ", got " + describe(b));
			}
			if (++this.matched == this.expected.length) {
				long sentAt = this.sentAt[(int) (this.acked % this.sentAt.length)];
				this.latencies.record((nanoTime - sentAt) / 1000);
				this.matched = 0;
				this.acked++;
				completed++;
			}
		}
		return completed;
	}

	private static String describe(byte b) {
		return (b >= ' ' && b <= '~') ? "'" + (char) b + "'" : String.format("0x%02x", b & 0xff);
	}

}
