package io.tcpgateway.udp;

import java.util.Comparator;
import java.util.HashSet;
import java.util.PriorityQueue;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * The MACs of the alarms accepted lately, each kept until its timestamp leaves the
 * window, so that the same datagram sent again is refused; bounded, and full it refuses
 * new alarms rather than forget one it might see again.
 */
final class ReplayGuard {

	/** How many alarms are remembered at most. */
	static final int CAPACITY = 10_000;

	private final Set<String> seen = new HashSet<>();

	private final PriorityQueue<Seen> byExpiry = new PriorityQueue<>(Comparator.comparingLong(Seen::expiresAt));

	private final int capacity;

	ReplayGuard(int capacity) {
		this.capacity = capacity;
	}

	/**
	 * Remembers an alarm's MAC, unless it is remembered already.
	 * @param mac the alarm's MAC
	 * @param expiresAt the Unix second after which its timestamp is too old anyway
	 * @param now the Unix second now
	 * @return {@code null} for an alarm not seen before, {@link Drop#REPLAY} for one
	 * seen, {@link Drop#BUSY} when too many are remembered
	 */
	synchronized @Nullable Drop remember(String mac, long expiresAt, long now) {
		while (!this.byExpiry.isEmpty() && this.byExpiry.peek().expiresAt() < now) {
			this.seen.remove(this.byExpiry.poll().mac());
		}
		if (this.seen.contains(mac)) {
			return Drop.REPLAY;
		}
		if (this.seen.size() >= this.capacity) {
			return Drop.BUSY;
		}
		this.seen.add(mac);
		this.byExpiry.add(new Seen(mac, expiresAt));
		return null;
	}

	private record Seen(String mac, long expiresAt) {

	}

}
