package io.tcpgateway.connection;

import io.tcpgateway.chat.SafeText;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The record of who did what to the gateway's clients: one line per action or refusal, in
 * a logger of its own ({@code io.tcpgateway.audit}, so that it can be routed) and in the
 * connection event feed.
 */
public final class AuditTrail {

	/** The logger's name, for routing the audit lines. */
	public static final String LOGGER = "io.tcpgateway.audit";

	private static final Log logger = LogFactory.getLog(LOGGER);

	private final EventLog events;

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
		String line = "audit who=" + SafeText.escape(who) + " from=" + SafeText.escape(from) + " action="
				+ SafeText.escape(action) + " target=" + SafeText.escape(target) + " outcome="
				+ SafeText.escape(outcome);
		logger.info(line);
		this.events.record(EventType.AUDIT, (String) null, null, line);
	}

}
