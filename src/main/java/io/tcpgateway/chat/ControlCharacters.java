package io.tcpgateway.chat;

/**
 * Shows control characters as {@code \xNN}, so no client can drive another's terminal.
 */
public final class ControlCharacters {

	private ControlCharacters() {
	}

	public static String escape(String text) {
		if (text.chars().noneMatch(ControlCharacters::isControl)) {
			return text;
		}
		StringBuilder escaped = new StringBuilder(text.length() + 16);
		text.chars().forEach((c) -> {
			if (isControl(c)) {
				escaped.append(String.format("\\x%02X", c));
			}
			else {
				escaped.append((char) c);
			}
		});
		return escaped.toString();
	}

	private static boolean isControl(int c) {
		return Character.getType(c) == Character.CONTROL;
	}

}
