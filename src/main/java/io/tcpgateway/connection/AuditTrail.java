package io.tcpgateway.connection;

import io.tcpgateway.chat.SafeText;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The record of who did what to the gateway's clients: one line per action or refusal, in
 * a logger of its own ({@code io.tcpgateway.audit}, so that it can be routed) and in the
 * connection event feed.
 *
 * <p>
 * A line reads {@code audit who=NAME from=ADDRESS action=ACTION target=TARGET
 * outcome=OUTCOME}. Every value is escaped like chat text, its {@code "} shown as
 * {@code \x22}, and quoted when it is empty or holds a space or {@code =}, so that no
 * requester's text can forge a field or a line.
 */
public final class AuditTrail {

	/** The logger's name, for routing the audit lines. */
	public static final String LOGGER = "io.tcpgateway.audit";

	/** How many refusals from one address are written a second; the rest are counted. */
	public static final int REFUSALS_PER_SECOND = 5;

	/** The longest value written, in characters; a longer one is cut and says so. */
	static final int MAX_VALUE_LENGTH = 8192;

	private static final Log logger = LogFactory.getLog(LOGGER);

	private final EventLog events;

	private final RefusalThrottle refusals = new RefusalThrottle(REFUSALS_PER_SECOND, System::nanoTime);

	public AuditTrail(EventLog events) {
		this.events = events;
	}

	/**
	 * Records one action; every part is escaped, as any of them may carry a requester's
	 * text.
	 * @param who the authenticated name, or the name that was tried
	 * @param from where the request came from, such as the HTTP client's address or
	 * {@code udp 10.0.0.7:514}
	 * @param action what was done, such as {@code kick} or {@code broadcast}
	 * @param target what it was done to: a connection id, the alarm text
	 * @param outcome how it ended, such as {@code done}, {@code 403 forbidden}
	 */
	public void record(String who, String from, String action, String target, String outcome) {
		write(line(who, from, action, target, outcome));
	}

	/**
	 * Records a refused request as {@link #record} does, but at most
	 * {@link #REFUSALS_PER_SECOND} a second from one address: a burst cannot flood the
	 * log or push the other events out of the feed. The next line written for that
	 * address ends with {@code suppressed=N}, how many were left out before it.
	 * @param who the name that was tried, or {@code anonymous}
	 * @param from the address the request came from
	 * @param action what was tried
	 * @param target what it was tried on
	 * @param outcome how it was refused, such as {@code 401 bad credentials}
	 */
	public void refused(String who, String from, String action, String target, String outcome) {
		long suppressed = this.refusals.admit(from);
		if (suppressed == RefusalThrottle.SUPPRESS) {
			return;
		}
		String line = line(who, from, action, target, outcome);
		write((suppressed > 0) ? line + " suppressed=" + suppressed : line);
	}

	private void write(String line) {
		logger.info(line);
		this.events.record(EventType.AUDIT, (String) null, null, line);
	}

	private static String line(String who, String from, String action, String target, String outcome) {
		return "audit" + field("who", who) + field("from", from) + field("action", action) + field("target", target)
				+ field("outcome", outcome);
	}

	private static String field(String name, String value) {
		String cut = value;
		if (value.length() > MAX_VALUE_LENGTH) {
			// Never between the two halves of a surrogate pair.
			int end = Character.isHighSurrogate(value.charAt(MAX_VALUE_LENGTH - 1)) ? MAX_VALUE_LENGTH - 1
					: MAX_VALUE_LENGTH;
			cut = value.substring(0, end) + "...(" + (value.length() - end) + " more)";
		}
		String safe = SafeText.escape(cut).replace("\"", "\\x22");
		boolean quote = safe.isEmpty()
				|| safe.chars().anyMatch((c) -> c == '=' || Character.isWhitespace(c) || Character.isSpaceChar(c));
		return " " + name + "=" + (quote ? "\"" + safe + "\"" : safe);
	}

}
