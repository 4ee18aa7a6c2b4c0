package io.tcpgateway.chat;

/**
 * One line of text for clients, without its ending; each door encodes it once for all of
 * its recipients, in its own wire format.
 *
 * @param text the text
 */
public record Line(String text) {

	public static Line of(String text) {
		return new Line(text);
	}

	@Override
	public String toString() {
		return this.text;
	}

}
