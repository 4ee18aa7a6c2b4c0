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

	private long badMessages;

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
		// A late message of a node gone: its members were announced as left.
		if (!present(message, now) && !"alarm".equals(message.type())) {
			return;
		}
		switch (message.type()) {
			case "join", "leave", "rename", "say" -> this.room.remote(ClusterCodec.event(message));
			// Escaped again: no node's message may drive a terminal.
			case "alarm" -> this.connections.broadcast(SafeText.escape(message.text()));
			default -> {
			}
		}
	}

	/**
	 * Takes what a message tells of its node into the view.
	 * @return {@code false} if it comes from an incarnation of the node that is gone
	 */
	private boolean present(ClusterMessage message, Instant now) {
		String node = message.node();
		long epoch = message.incarnation();
		return switch (message.type()) {
			case "heartbeat" -> {
				ClusterView.Changes changes = this.view.heartbeat(node, epoch, now, message.connections(),
						message.members());
				if (changes != null) {
					changes.left().forEach((nick) -> this.room.remote(RoomEvent.left(nick)));
					changes.joined().forEach((nick) -> this.room.remote(RoomEvent.joined(nick)));
				}
				yield changes != null;
			}
			case "join" -> this.view.joined(node, epoch, now, message.nick());
			case "leave" -> this.view.left(node, epoch, now, message.nick());
			case "rename" -> this.view.renamed(node, epoch, now, message.nick(), message.text());
			case "bye" -> {
				this.view.remove(node, epoch).forEach((nick) -> this.room.remote(RoomEvent.left(nick)));
				yield false;
			}
			default -> this.view.heard(node, epoch, now);
		};
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
