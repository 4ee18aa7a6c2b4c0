package io.tcpgateway.connection;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;

import io.tcpgateway.protocol.Alarm;
import io.tcpgateway.protocol.AlarmRecord;
import org.jspecify.annotations.Nullable;

/**
 * The one way in for an alarm, whoever raises it (an operator over HTTP, a monitored
 * machine over UDP): checks the text, gives it an id and a time, and sends {@code ! text}
 * to every client of this node and of the other nodes, each once.
 *
 * <p>
 * Alone, a node delivers an alarm at once and keeps it in its history. In a cluster the
 * alarm is appended to the {@link AlarmLog} that every node reads, this one included, and
 * each node delivers it as it reads it; an alarm the log refuses reaches nobody.
 */
public final class Alarms {

	private final ConnectionRegistry connections;

	private final RecentAlarms history;

	private final @Nullable AlarmLog log;

	private final OtherNodes otherNodes;

	private final int maxLineLength;

	private final Clock clock;

	private long lastMillis;

	private long sequence;

	/**
	 * Creates the way in.
	 * @param connections this node's clients
	 * @param history where delivered alarms are kept for {@code /alarms}
	 * @param log the log every node of a cluster reads; {@code null} for a node alone
	 * @param otherNodes the other nodes, to tell how many there are
	 * @param maxLineLength the longest line a client may be sent, in bytes
	 * @param clock the clock of a node alone's ids and times
	 */
	public Alarms(ConnectionRegistry connections, RecentAlarms history, @Nullable AlarmLog log, OtherNodes otherNodes,
			int maxLineLength, Clock clock) {
		this.connections = connections;
		this.history = history;
		this.log = log;
		this.otherNodes = otherNodes;
		this.maxLineLength = maxLineLength;
		this.clock = clock;
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
	 * Takes responsibility for an alarm that {@link #invalid} accepted: every client on
	 * every node gets it once. In a cluster this waits for Redis, at most its command
	 * timeout, so never call it on an event loop.
	 * @param message the text
	 * @return its id and time, and who it goes to
	 * @throws AlarmRefusedException if the cluster cannot take it; then nobody gets it
	 */
	public Raised raise(String message) {
		if (this.log != null) {
			AlarmRecord alarm = this.log.append(message);
			// This node delivers it too, as it reads it back, in the log's order.
			return new Raised(alarm, this.connections.count(), 1 + this.otherNodes.nodes());
		}
		synchronized (this) {
			AlarmRecord alarm = new AlarmRecord(nextId(), Instant.ofEpochMilli(this.lastMillis), message);
			return new Raised(alarm, deliver(alarm), 1);
		}
	}

	/**
	 * Sends an accepted alarm to every client of this node and keeps it in the history;
	 * called once per alarm, in order.
	 * @param alarm the alarm
	 * @return how many connections it was sent to
	 */
	public int deliver(AlarmRecord alarm) {
		this.history.add(alarm);
		return this.connections.broadcast(Alarm.line(alarm.message()));
	}

	// Shaped like a Redis stream id, so that ids look alike with the cluster on or off.
	private String nextId() {
		long now = this.clock.millis();
		if (now > this.lastMillis) {
			this.lastMillis = now;
			this.sequence = 0;
		}
		else {
			this.sequence++;
		}
		return this.lastMillis + "-" + this.sequence;
	}

	/**
	 * An accepted alarm and who it goes to.
	 *
	 * @param alarm its id, time and text
	 * @param recipients how many connections of this node it goes to
	 * @param nodes how many nodes deliver it, this one included, as this node knows them
	 */
	public record Raised(AlarmRecord alarm, int recipients, int nodes) {

	}

}
