package io.tcpgateway.bench;

/**
 * Builds the printable line sent for a given connection and sequence number, so that a
 * misordered or misrouted echo differs from the expected bytes.
 */
final class Payload {

	private static final int FIRST = '!';

	private static final int PRINTABLE = '~' - '!' + 1;

	private Payload() {
	}

	/**
	 * Fills {@code line} with {@code <seq>.<connection>:} followed by a filler that
	 * shifts with the sequence number, and the CRLF terminator.
	 */
	static void fill(byte[] line, int connection, long seq) {
		int end = line.length - 2;
		int shift = (int) ((seq + connection) % PRINTABLE);
		for (int i = 0; i < end; i++) {
			line[i] = (byte) (FIRST + (shift + i) % PRINTABLE);
		}
		// Only write the prefix when it fits whole; the filler alone still varies per
		// line.
		if (digits(seq) + digits(connection) + 2 <= end) {
			int pos = writeDecimal(line, 0, seq);
			line[pos++] = '.';
			pos = writeDecimal(line, pos, connection);
			line[pos] = ':';
		}
		// CRLF rather than a bare LF: the Node.js baseline echoes bytes verbatim, so only
		// then do both servers owe the same reply, the sent line itself.
		line[end] = '\r';
		line[end + 1] = '\n';
	}

	private static int writeDecimal(byte[] line, int pos, long value) {
		int end = pos + digits(value);
		for (int i = end - 1; i >= pos; i--) {
			line[i] = (byte) ('0' + value % 10);
			value /= 10;
		}
		return end;
	}

	private static int digits(long value) {
		int digits = 1;
		while (value >= 10) {
			value /= 10;
			digits++;
		}
		return digits;
	}

}
