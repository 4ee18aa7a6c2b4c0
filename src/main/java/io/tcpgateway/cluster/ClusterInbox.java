package io.tcpgateway.cluster;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.tcpgateway.chat.ChatRoom;
import io.tcpgateway.chat.RoomEvent;
import io.tcpgateway.chat.SafeText;
import io.tcpgateway.connection.Connections;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Takes each message from the other nodes, in the order the channel delivers them, into
 * the view of the cluster, the room and the local connections; a message it cannot read
 * is dropped, never passed on, and logged at most once a minute.
 */
final class ClusterInbox {

	private static final Log logger = LogFactory.getLog(ClusterInbox.class);

	private static final Duration BAD_MESSAGE_LOG_INTERVAL = Duration.ofMinutes(1);

	private final String nodeId;

	private final ClusterCodec codec;

	private final ClusterView view;

	private final ChatRoom room;

	private final Connections connections;

	private final Clock clock;

	private Instant nextBadMessageLog = Instant.MIN;

	// Written under this object's lock on the subscriber thread, read by the metrics
	// without it.
	private volatile long badMessages;

	ClusterInbox(String nodeId, ClusterCodec codec, ClusterView view, ChatRoom room, Connections connections,
			Clock clock) {
		this.nodeId = nodeId;
		this.codec = codec;
		this.view = view;
		this.room = room;
		this.connections = connections;
		this.clock = clock;
	}

	/**
	 * Takes one message; never throws, so the subscriber goes on.
	 * @param payload the message text
	 */
	synchronized void receive(String payload) {
		try {
			ClusterMessage message = this.codec.decode(payload);
			if (!message.node().equals(this.nodeId)) {
				take(message, this.clock.instant());
			}
		}
		catch (RuntimeException ex) {
			dropped(payload, ex);
		}
	}

	private void take(ClusterMessage message, Instant now) {
		String node = message.node();
		switch (message.type()) {
			case "heartbeat" -> this.view.heartbeat(node, now, message.connections(), message.members());
			case "join" -> this.view.joined(node, now, message.nick());
			case "leave" -> this.view.left(node, now, message.nick());
			case "rename" -> this.view.renamed(node, now, message.nick(), message.text());
			case "bye" -> this.view.remove(node).forEach((nick) -> this.room.remote(RoomEvent.left(nick)));
			default -> this.view.heard(node, now);
		}
		switch (message.type()) {
			case "join", "leave", "rename", "say" -> this.room.remote(ClusterCodec.event(message));
			// Escaped again: no node's message may drive a terminal.
			case "alarm" -> this.connections.broadcast(SafeText.escape(message.text()));
			default -> {
			}
		}
	}

	long badMessages() {
		return this.badMessages;
	}

	private void dropped(String payload, RuntimeException ex) {
		this.badMessages++;
		Instant now = this.clock.instant();
		if (now.isAfter(this.nextBadMessageLog)) {
			String shown = (payload.length() > 64) ? payload.substring(0, 64) + "..." : payload;
			logger.warn("dropped a bad message from the cluster channel (" + ex.getMessage() + "): "
					+ SafeText.escape(shown) + " (" + this.badMessages + " dropped so far; next report in at most "
					+ BAD_MESSAGE_LOG_INTERVAL.toMinutes() + "m)");
			this.nextBadMessageLog = now.plus(BAD_MESSAGE_LOG_INTERVAL);
		}
	}

}
