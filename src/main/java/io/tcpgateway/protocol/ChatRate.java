package io.tcpgateway.protocol;

/**
 * One session's chat allowance: a token bucket of {@code linesPerSecond} lines that
 * refills at that rate, plus when the sender was last told to slow down.
 *
 * <p>
 * Used only on the session's own thread, so it needs no locking.
 */
final class ChatRate {

	private static final long SECOND = 1_000_000_000L;

	private final long interval;

	private final long burst;

	// When the bucket would be full again: one interval later for each line taken.
	private long fullAt;

	private long warnedAt;

	private boolean warned;

	ChatRate(int linesPerSecond, long now) {
		this.interval = SECOND / linesPerSecond;
		this.burst = this.interval * linesPerSecond;
		this.fullAt = now;
	}

	/**
	 * Takes one line from the bucket.
	 * @param now the time, from {@link System#nanoTime()} or a test clock
	 * @return {@code true} if the line may go out
	 */
	boolean tryTake(long now) {
		long from = (this.fullAt - now > 0) ? this.fullAt : now;
		if (from + this.interval - now > this.burst) {
			return false;
		}
		this.fullAt = from + this.interval;
		return true;
	}

	/**
	 * Whether to tell the sender to slow down: at most once a second.
	 * @param now the time
	 * @return {@code true} if it should be told now
	 */
	boolean warn(long now) {
		if (this.warned && now - this.warnedAt < SECOND) {
			return false;
		}
		this.warned = true;
		this.warnedAt = now;
		return true;
	}

}
