package io.tcpgateway.connection;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import org.jspecify.annotations.Nullable;

/**
 * How many refusals from one address may be written down a second: a refusal is written
 * if fewer than the limit were written in the second before it, so never more than the
 * limit in any one second; the rest are counted and that count goes with the next one
 * written.
 */
final class RefusalThrottle {

	/** Returned by {@link #admit} for a refusal that is not to be written. */
	static final long SUPPRESS = -1;

	private static final long SECOND = 1_000_000_000L;

	/** Past this many addresses, whoever has been quiet for a second is forgotten. */
	private static final int TRACKED_ADDRESSES = 10_000;

	/** Where the refusals of addresses beyond {@link #TRACKED_ADDRESSES} are counted. */
	private static final String OVERFLOW = "*";

	private final Map<String, Window> windows = new ConcurrentHashMap<>();

	private final int perSecond;

	private final LongSupplier nanoTime;

	/**
	 * Creates a throttle.
	 * @param perSecond how many refusals from one address are written a second
	 * @param nanoTime the clock, {@code System::nanoTime} outside tests
	 */
	RefusalThrottle(int perSecond, LongSupplier nanoTime) {
		this.perSecond = perSecond;
		this.nanoTime = nanoTime;
	}

	/**
	 * Counts one refusal from an address.
	 * @param address where it came from
	 * @return {@link #SUPPRESS} if it is not to be written, otherwise how many from the
	 * same address were suppressed since the last one written
	 */
	long admit(String address) {
		long now = this.nanoTime.getAsLong();
		String key = address;
		if (!this.windows.containsKey(key) && this.windows.size() >= TRACKED_ADDRESSES) {
			this.windows.values().removeIf((window) -> now - window.newest() >= SECOND && window.suppressed == 0);
			if (this.windows.size() >= TRACKED_ADDRESSES) {
				key = OVERFLOW;
			}
		}
		return this.windows.compute(key, (ignored, current) -> next(current, now)).report;
	}

	private Window next(@Nullable Window current, long now) {
		if (current == null) {
			return Window.written(new long[] { now }, 0);
		}
		long[] written = current.written;
		if (written.length < this.perSecond) {
			long[] more = Arrays.copyOf(written, written.length + 1);
			more[written.length] = now;
			return Window.written(more, current.suppressed);
		}
		// The oldest of the last few written is first: it must be a second old.
		if (now - written[0] >= SECOND) {
			long[] shifted = Arrays.copyOfRange(written, 1, written.length + 1);
			shifted[written.length - 1] = now;
			return Window.written(shifted, current.suppressed);
		}
		return new Window(written, current.suppressed + 1, SUPPRESS);
	}

	/**
	 * One address's recent refusals.
	 *
	 * @param written when the last few written were, oldest first, in nanoseconds
	 * @param suppressed how many were suppressed and not yet reported
	 * @param report what {@link #admit} answers for the refusal just counted
	 */
	private record Window(long[] written, long suppressed, long report) {

		/** After a refusal that is written, with the count suppressed before it. */
		static Window written(long[] written, long suppressedBefore) {
			return new Window(written, 0, suppressedBefore);
		}

		long newest() {
			return this.written[this.written.length - 1];
		}

	}

}
