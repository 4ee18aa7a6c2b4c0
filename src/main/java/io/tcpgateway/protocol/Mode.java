package io.tcpgateway.protocol;

import java.util.Locale;

/**
 * What a connection does with a line that is not a command.
 */
public enum Mode {

	/** The line comes back unchanged. */
	ECHO,

	/** The line is an arithmetic expression; the reply is its value. */
	CALC,

	/** The line goes to every other member of the chat room. */
	CHAT;

	/**
	 * The name clients type and see.
	 * @return the lower-case name
	 */
	public String label() {
		return name().toLowerCase(Locale.ROOT);
	}

}
