package io.tcpgateway.bench;

/**
 * The line a chat sender sends, {@code <sender>.<seq>.<sent>:} then a filler and CRLF,
 * and its parser on the receiving side; {@code sent} is the send time in nanoseconds
 * since the run began (all clients share one JVM, so one clock).
 */
final class ChatPayload {

	private static final int LETTERS = 26;

	private ChatPayload() {
	}

	/**
	 * Fills {@code line} for the given sender, sequence number and send time.
	 */
	static void fill(byte[] line, int sender, long seq, long sent) {
		int end = line.length - 2;
		int pos = writeDecimal(line, 0, sender);
		line[pos++] = '.';
		pos = writeDecimal(line, pos, seq);
		line[pos++] = '.';
		pos = writeDecimal(line, pos, sent);
		line[pos++] = ':';
		// Letters only: no byte a server could take for a command or escape.
		for (int i = pos; i < end; i++) {
			line[i] = (byte) ('a' + (seq + i) % LETTERS);
		}
		line[end] = '\r';
		line[end + 1] = '\n';
	}

	/**
	 * Parses the three numbers at the start of {@code line[from, to)} into {@code fields}
	 * (sender, seq, sent); returns false if they are not there.
	 */
	static boolean parse(byte[] line, int from, int to, long[] fields) {
		int pos = from;
		for (int field = 0; field < 3; field++) {
			long value = 0;
			int start = pos;
			while (pos < to && line[pos] >= '0' && line[pos] <= '9' && pos - start < 18) {
				value = value * 10 + (line[pos++] - '0');
			}
			byte separator = (field < 2) ? (byte) '.' : (byte) ':';
			if (pos == start || pos == to || line[pos] != separator) {
				return false;
			}
			fields[field] = value;
			pos++;
		}
		return true;
	}

	private static int writeDecimal(byte[] line, int pos, long value) {
		int end = pos + Long.toString(value).length();
		for (int i = end - 1; i >= pos; i--) {
			line[i] = (byte) ('0' + value % 10);
			value /= 10;
		}
		return end;
	}

}
