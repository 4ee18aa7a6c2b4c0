package io.tcpgateway.protocol;

import java.util.Locale;

/**
 * What kind of line was processed; the {@code kind} tag of {@code tcp.line.processing}.
 */
public enum Kind {

	ECHO, CALC, CHAT, COMMAND,

	/** A blank line, which gets no reply. */
	IGNORED;

	/**
	 * The tag value.
	 * @return the lower-case name
	 */
	public String label() {
		return name().toLowerCase(Locale.ROOT);
	}

}
