package io.tcpgateway.cluster;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Whether this node reaches Redis, logged once when the link is lost and once when it is
 * back, however many messages fail in between, and how many of them were dropped.
 */
final class RedisReachability {

	private static final Log logger = LogFactory.getLog(RedisReachability.class);

	private final AtomicReference<State> state = new AtomicReference<>(State.UNKNOWN);

	private final LongAdder dropped = new LongAdder();

	private final Clock clock;

	private volatile Instant upSince = Instant.MAX;

	RedisReachability(Clock clock) {
		this.clock = clock;
	}

	boolean isUp() {
		return this.state.get() == State.UP;
	}

	/**
	 * When the link last came up.
	 * @return the time, or {@link Instant#MAX} while it is down
	 */
	Instant upSince() {
		return this.upSince;
	}

	/**
	 * Records that a call to Redis worked.
	 */
	void working() {
		State before = this.state.getAndSet(State.UP);
		if (before != State.UP) {
			this.upSince = this.clock.instant();
			logger.info((before == State.UNKNOWN) ? "cluster link up: connected to Redis"
					: "cluster link back: connected to Redis again, cluster-wide chat, alarms and /count resume");
		}
	}

	/**
	 * Records that a call to Redis failed.
	 * @param cause why
	 */
	void failed(Throwable cause) {
		State before = this.state.getAndSet(State.DOWN);
		if (before != State.DOWN) {
			this.upSince = Instant.MAX;
			logger.warn("cluster link lost: " + describe(cause)
					+ "; serving local clients only, lines for other nodes are dropped until Redis is back");
		}
	}

	/**
	 * Counts a message for the other nodes that was not published.
	 */
	void drop() {
		this.dropped.increment();
	}

	long dropped() {
		return this.dropped.sum();
	}

	static String describe(Throwable cause) {
		Throwable root = cause;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return (root.getMessage() != null) ? root.getMessage() : root.getClass().getSimpleName();
	}

	private enum State {

		UNKNOWN, UP, DOWN

	}

}
