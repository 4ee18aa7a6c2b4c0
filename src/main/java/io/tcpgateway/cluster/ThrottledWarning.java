package io.tcpgateway.cluster;

import java.time.Duration;
import java.time.Instant;

import io.tcpgateway.chat.SafeText;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * A warning that may happen thousands of times a second, logged at most once a minute
 * with how often it happened in all.
 */
final class ThrottledWarning {

	private static final Duration INTERVAL = Duration.ofMinutes(1);

	private final Log logger;

	private final String what;

	private long count;

	private Instant next = Instant.MIN;

	ThrottledWarning(Class<?> source, String what) {
		this.logger = LogFactory.getLog(source);
		this.what = what;
	}

	/**
	 * Counts one more, and logs if the last report is a minute old.
	 * @param now the time
	 * @param detail what to say about this one, escaped before it is logged
	 */
	synchronized void warn(Instant now, String detail) {
		this.count++;
		if (now.isAfter(this.next)) {
			this.logger.warn(this.what + " (" + SafeText.escape(String.valueOf(detail)) + "; " + this.count
					+ " so far; next report in at most " + INTERVAL.toMinutes() + "m)");
			this.next = now.plus(INTERVAL);
		}
	}

}
