package io.tcpgateway.udp;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * One alarm datagram, {@code v1 TS MAC TEXT}, read but not yet trusted.
 *
 * @param timestamp the sender's Unix time in seconds
 * @param mac the MAC it carries, 64 lower-case hex digits
 * @param text the alarm text
 */
record AlarmDatagram(long timestamp, String mac, String text) {

	// Single spaces; a timestamp of up to 12 digits (year 33658) without leading zeros,
	// so that the MAC, made over the digits as sent, can be checked over the number; the
	// MAC in lower case; the text is whatever follows, spaces included.
	private static final Pattern FORMAT = Pattern.compile("v1 (0|[1-9][0-9]{0,11}) ([0-9a-f]{64}) (.+)",
			Pattern.DOTALL);

	/**
	 * Reads a datagram.
	 * @param bytes the datagram's bytes
	 * @return the datagram, or {@code null} if it is not {@code v1 TS MAC TEXT} in UTF-8
	 */
	static @Nullable AlarmDatagram parse(byte[] bytes) {
		String decoded;
		try {
			// Strict decoding: a text that is not UTF-8 could not be signed as the sender
			// meant, nor shown.
			decoded = StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(bytes))
				.toString();
		}
		catch (CharacterCodingException ex) {
			return null;
		}
		Matcher matcher = FORMAT.matcher(decoded);
		if (!matcher.matches()) {
			return null;
		}
		return new AlarmDatagram(Long.parseLong(matcher.group(1)), matcher.group(2), matcher.group(3));
	}

}
