package io.tcpgateway.connection;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import org.jspecify.annotations.Nullable;

/**
 * How many refusals from one address may be written down a second: the first few of each
 * second are, the rest are counted and that count goes with the next one written.
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
			this.windows.values().removeIf((window) -> now - window.start >= SECOND && window.suppressed == 0);
			if (this.windows.size() >= TRACKED_ADDRESSES) {
				key = OVERFLOW;
			}
		}
		return this.windows.compute(key, (ignored, current) -> next(current, now)).report;
	}

	private Window next(@Nullable Window current, long now) {
		if (current == null) {
			return new Window(now, 1, 0, 0);
		}
		if (now - current.start >= SECOND) {
			return new Window(now, 1, 0, current.suppressed);
		}
		// Nothing is suppressed in a second before its first few were written.
		if (current.written < this.perSecond) {
			return new Window(current.start, current.written + 1, 0, 0);
		}
		return new Window(current.start, current.written, current.suppressed + 1, SUPPRESS);
	}

	/**
	 * One address's current second.
	 *
	 * @param start when the second began, in nanoseconds
	 * @param written how many refusals were written in it
	 * @param suppressed how many were suppressed and not yet reported
	 * @param report what {@link #admit} answers for the refusal just counted
	 */
	private record Window(long start, int written, long suppressed, long report) {

	}

}
