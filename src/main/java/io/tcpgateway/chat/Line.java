package io.tcpgateway.chat;

import java.nio.charset.StandardCharsets;

/**
 * One line of text for clients, encoded to UTF-8 with its CRLF once, however many clients
 * it goes to.
 */
public final class Line {

	private final String text;

	private final byte[] bytes;

	private Line(String text) {
		this.text = text;
		byte[] encoded = text.getBytes(StandardCharsets.UTF_8);
		this.bytes = new byte[encoded.length + 2];
		System.arraycopy(encoded, 0, this.bytes, 0, encoded.length);
		this.bytes[encoded.length] = '\r';
		this.bytes[encoded.length + 1] = '\n';
	}

	public static Line of(String text) {
		return new Line(text);
	}

	/**
	 * The text, without its ending.
	 * @return the text
	 */
	public String text() {
		return this.text;
	}

	/**
	 * The encoded line with its CRLF; shared by every recipient, so never modify it.
	 * @return the bytes
	 */
	public byte[] bytes() {
		return this.bytes;
	}

	@Override
	public String toString() {
		return this.text;
	}

}
