package io.tcpgateway.connection;

import java.nio.charset.StandardCharsets;

import io.tcpgateway.protocol.Alarm;
import org.jspecify.annotations.Nullable;

/**
 * The one way in for an alarm, whoever raises it (an operator over HTTP, a monitored
 * machine over UDP): checks the text, then sends {@code ! text} to every client of this
 * node and of the other nodes.
 */
public final class Alarms {

	private final Connections connections;

	private final OtherNodes otherNodes;

	private final int maxLineLength;

	public Alarms(Connections connections, OtherNodes otherNodes, int maxLineLength) {
		this.connections = connections;
		this.otherNodes = otherNodes;
		this.maxLineLength = maxLineLength;
	}

	/**
	 * Why a text cannot be an alarm.
	 * @param message the text
	 * @return the reason, or {@code null} if it can
	 */
	public @Nullable String invalid(@Nullable String message) {
		if (message == null || message.isBlank()) {
			return "message is required";
		}
		// A CR or LF would let the message split into several lines, or forge a reply.
		if (message.indexOf('\r') >= 0 || message.indexOf('\n') >= 0) {
			return "message must be one line, without CR or LF";
		}
		if (Alarm.line(message).getBytes(StandardCharsets.UTF_8).length > this.maxLineLength) {
			return "message is longer than " + (this.maxLineLength - Alarm.PREFIX.length()) + " bytes";
		}
		return null;
	}

	/**
	 * Sends an alarm that {@link #invalid} accepted to every client on every node.
	 * @param message the text
	 * @return who it went to
	 */
	public Raised raise(String message) {
		String line = Alarm.line(message);
		int recipients = this.connections.broadcast(line);
		return new Raised(recipients, 1 + this.otherNodes.alarm(line));
	}

	/**
	 * Who an alarm went to.
	 *
	 * @param recipients how many connections of this node it was queued for
	 * @param nodes how many nodes took it, this one included
	 */
	public record Raised(int recipients, int nodes) {

	}

}
