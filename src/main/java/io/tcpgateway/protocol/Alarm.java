package io.tcpgateway.protocol;

import io.tcpgateway.chat.SafeText;

/**
 * How an operator's broadcast looks to clients: {@code ! message}, next to
 * {@code <NAME> text} for chat lines and {@code * ...} for room notices.
 */
public final class Alarm {

	/** What every alarm line starts with. */
	public static final String PREFIX = "! ";

	private Alarm() {
	}

	/**
	 * The line clients get for an operator's message.
	 * @param message the message, one line
	 * @return the line, with unsafe characters shown escaped
	 */
	public static String line(String message) {
		return PREFIX + SafeText.escape(message);
	}

}
