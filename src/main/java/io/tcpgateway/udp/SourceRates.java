package io.tcpgateway.udp;

import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The allowance of each source address: a token bucket of {@code perSecond} datagrams
 * that refills at that rate, kept for the most recently heard sources only.
 */
final class SourceRates {

	private static final long SECOND = 1_000_000_000L;

	/** How many sources are remembered; the least recently heard is forgotten first. */
	static final int CAPACITY = 4096;

	private final long interval;

	private final long burst;

	// Per source, when its bucket would be full again: one interval later for each
	// datagram taken (the generic cell rate algorithm).
	private final Map<InetAddress, Long> fullAt = new LinkedHashMap<>(64, 0.75f, true) {

		@Override
		protected boolean removeEldestEntry(Map.Entry<InetAddress, Long> eldest) {
			return size() > CAPACITY;
		}

	};

	/**
	 * Creates the allowances.
	 * @param perSecond datagrams a second per source, in bursts of as many; 0 means no
	 * limit
	 */
	SourceRates(int perSecond) {
		this.interval = (perSecond > 0) ? SECOND / perSecond : 0;
		this.burst = this.interval * perSecond;
	}

	/**
	 * Takes one datagram from a source's bucket.
	 * @param source the source address
	 * @param now the time, from {@link System#nanoTime()} or a test clock
	 * @return {@code true} if the datagram is within the rate
	 */
	synchronized boolean tryTake(InetAddress source, long now) {
		if (this.interval == 0) {
			return true;
		}
		Long full = this.fullAt.get(source);
		long from = (full != null && full - now > 0) ? full : now;
		if (from + this.interval - now > this.burst) {
			return false;
		}
		this.fullAt.put(source, from + this.interval);
		return true;
	}

}
