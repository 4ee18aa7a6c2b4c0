package io.tcpgateway.udp;

/**
 * Why an alarm datagram was dropped, in the order the checks run.
 */
enum Drop {

	/** The sender is not in {@code gateway.udp.alarm-sources}. */
	SOURCE("source", "its source is not in gateway.udp.alarm-sources"),

	/** Longer than {@code gateway.tcp.max-line-length}. */
	SIZE("size", "it is longer than gateway.tcp.max-line-length"),

	/** Over its source's rate. */
	RATE("rate", "its source sent more than gateway.udp.alarm-rate-per-source a second"),

	/** Not {@code v1 TS MAC TEXT} in UTF-8. */
	FORMAT("format", "it is not 'v1 TS MAC TEXT' in UTF-8"),

	/** The MAC is not the text's under the shared secret. */
	MAC("mac", "its MAC is wrong (another secret, or an altered datagram)"),

	/** The timestamp is outside the window. */
	STALE("stale", "its timestamp is further from the gateway's clock than gateway.udp.alarm-window"),

	/** The same datagram came before, within the window. */
	REPLAY("replay", "the same datagram came before within gateway.udp.alarm-window"),

	/** Signed, but not an alarm the gateway sends, such as text with CR or LF. */
	INVALID("invalid", "its text cannot be an alarm"),

	/**
	 * Good, but the gateway could not take responsibility for it (a cluster without
	 * Redis).
	 */
	REFUSED("refused", "the gateway could not take the alarm: the cluster's Redis is unreachable"),

	/** The gateway had too many datagrams in hand, or remembered too many to refuse. */
	BUSY("busy", "the gateway had too many alarm datagrams in hand");

	private final String label;

	private final String meaning;

	Drop(String label, String meaning) {
		this.label = label;
		this.meaning = meaning;
	}

	/**
	 * The reason as the meter's {@code reason} tag shows it.
	 * @return the label
	 */
	String label() {
		return this.label;
	}

	/**
	 * What the reason means, for the log.
	 * @return one clause
	 */
	String meaning() {
		return this.meaning;
	}

}
