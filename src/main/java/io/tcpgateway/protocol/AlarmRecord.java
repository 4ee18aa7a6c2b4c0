package io.tcpgateway.protocol;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import io.tcpgateway.chat.SafeText;

/**
 * One accepted alarm: its id, the time it was accepted and its text as the operator wrote
 * it.
 *
 * @param id its id, {@code MILLISECONDS-SEQUENCE} as in a Redis stream, ordered by time
 * @param at when the gateway accepted it
 * @param message the text, one line, not yet escaped
 */
public record AlarmRecord(String id, Instant at, String message) {

	/**
	 * How {@code /alarms} lists it: {@code ID TIME text}, the time in UTC to the second
	 * and the text escaped like the live line's.
	 * @return the line
	 */
	public String listing() {
		return this.id + " " + this.at.truncatedTo(ChronoUnit.SECONDS) + " " + SafeText.escape(this.message);
	}

}
