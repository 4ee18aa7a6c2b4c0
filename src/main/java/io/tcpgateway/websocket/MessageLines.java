package io.tcpgateway.websocket;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts the text messages of one browser into lines, as the TCP door's framing does: a
 * line ends at LF or at the end of its message, a CR before either is dropped, and a line
 * longer than the limit in UTF-8 bytes stops the framing for good.
 *
 * <p>
 * A long message may arrive in parts; a line may span them, but not two messages.
 */
final class MessageLines {

	private final int maxLineLength;

	private final StringBuilder line = new StringBuilder();

	private int lineBytes;

	private boolean tooLong;

	MessageLines(int maxLineLength) {
		this.maxLineLength = maxLineLength;
	}

	/**
	 * Takes the next part of a message.
	 * @param text the part
	 * @param last whether it ends the message
	 * @return the lines it completed
	 */
	Batch feed(String text, boolean last) {
		List<String> lines = new ArrayList<>();
		int bytes = 0;
		if (this.tooLong) {
			return new Batch(lines, 0, true);
		}
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '\n') {
				bytes += this.lineBytes + 1;
				if (!complete(lines)) {
					return new Batch(lines, bytes, true);
				}
				continue;
			}
			this.line.append(c);
			this.lineBytes += utf8Length(c);
			// one byte of slack for a CR that the LF will drop
			if (this.lineBytes > this.maxLineLength + 1) {
				this.tooLong = true;
				return new Batch(lines, bytes, true);
			}
		}
		if (last && !this.line.isEmpty()) {
			bytes += this.lineBytes;
			if (!complete(lines)) {
				return new Batch(lines, bytes, true);
			}
		}
		return new Batch(lines, bytes, false);
	}

	private boolean complete(List<String> lines) {
		int length = this.line.length();
		if (length > 0 && this.line.charAt(length - 1) == '\r') {
			this.line.setLength(length - 1);
			this.lineBytes--;
		}
		if (this.lineBytes > this.maxLineLength) {
			this.tooLong = true;
			return false;
		}
		lines.add(this.line.toString());
		this.line.setLength(0);
		this.lineBytes = 0;
		return true;
	}

	// A surrogate pair is four bytes in UTF-8, two for each half.
	private static int utf8Length(char c) {
		if (c < 0x80) {
			return 1;
		}
		return (c < 0x800 || Character.isSurrogate(c)) ? 2 : 3;
	}

	/**
	 * The lines one part of a message completed.
	 *
	 * @param lines the lines, without their endings, in order
	 * @param bytes their size in UTF-8, endings included
	 * @param tooLong whether a line over the limit followed them; nothing after it is
	 * read
	 */
	record Batch(List<String> lines, int bytes, boolean tooLong) {

	}

}
