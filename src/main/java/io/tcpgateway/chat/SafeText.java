package io.tcpgateway.chat;

/**
 * Shows the characters that could drive a terminal or disguise text, escaped, so that no
 * client's text can act on another's screen or forge a line.
 *
 * <p>
 * Control characters (C0, DEL and C1, which include CR, LF, ESC, BEL and NUL) become
 * {@code \xNN}; bidirectional embeddings, overrides and isolates (U+202A-U+202E,
 * U+2066-U+2069) and the line and paragraph separators (U+2028, U+2029) become
 * <code>&#92;u202E</code> style escapes. Everything else, emoji joiners included, passes
 * unchanged.
 */
public final class SafeText {

	private SafeText() {
	}

	/**
	 * Escapes the unsafe characters of a text.
	 * @param text the text
	 * @return the text, or a copy with its unsafe characters escaped
	 */
	public static String escape(String text) {
		if (text.chars().noneMatch((c) -> isControl(c) || isDisguise(c))) {
			return text;
		}
		StringBuilder escaped = new StringBuilder(text.length() + 16);
		text.chars().forEach((c) -> {
			if (isControl(c)) {
				escaped.append(String.format("\\x%02X", c));
			}
			else if (isDisguise(c)) {
				escaped.append(String.format("\\u%04X", c));
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

	private static boolean isDisguise(int c) {
		return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) || c == 0x2028 || c == 0x2029;
	}

}
