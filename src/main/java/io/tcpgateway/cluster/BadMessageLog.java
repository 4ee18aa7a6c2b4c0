package io.tcpgateway.cluster;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.tcpgateway.chat.SafeText;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Counts the messages dropped from one source, the cluster channel or the alarm stream,
 * and logs them at most once a minute, escaped and cut short.
 */
final class BadMessageLog {

	private static final Log logger = LogFactory.getLog(BadMessageLog.class);

	private static final Duration INTERVAL = Duration.ofMinutes(1);

	private final String source;

	private final Clock clock;

	private Instant next = Instant.MIN;

	private long dropped;

	/**
	 * Creates a log.
	 * @param source where the messages come from, e.g. {@code the cluster channel}
	 * @param clock the clock
	 */
	BadMessageLog(String source, Clock clock) {
		this.source = source;
		this.clock = clock;
	}

	synchronized long count() {
		return this.dropped;
	}

	synchronized void dropped(String payload, RuntimeException ex) {
		this.dropped++;
		Instant now = this.clock.instant();
		if (now.isAfter(this.next)) {
			String shown = (payload.length() > 64) ? payload.substring(0, 64) + "..." : payload;
			logger.warn("dropped a bad message from " + this.source + " ("
					+ SafeText.escape(String.valueOf(ex.getMessage())) + "): " + SafeText.escape(shown) + " ("
					+ this.dropped + " dropped so far; next report in at most " + INTERVAL.toMinutes() + "m)");
			this.next = now.plus(INTERVAL);
		}
	}

}
