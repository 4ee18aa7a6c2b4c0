package io.tcpgateway.cluster;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;

/**
 * This node's current life in the cluster, a number every message carries: its start time
 * in milliseconds, and a higher number after a silence long enough for the others to have
 * dropped it, so that they take it back as a new node instead of ignoring it as a dead
 * one.
 */
final class Incarnation {

	private final Clock clock;

	private final AtomicLong epoch;

	Incarnation(Clock clock) {
		this.clock = clock;
		this.epoch = new AtomicLong(clock.millis());
	}

	long epoch() {
		return this.epoch.get();
	}

	/**
	 * Starts a new life, above every earlier one even if the clock went back.
	 * @return the new epoch
	 */
	long renew() {
		return this.epoch.updateAndGet((previous) -> Math.max(previous + 1, this.clock.millis()));
	}

}
