package io.tcpgateway.cluster;

import java.time.Clock;
import java.time.Instant;

import io.tcpgateway.chat.ChatRoom;
import io.tcpgateway.chat.RoomEvent;

/**
 * Takes each message from the other nodes, in the order the channel delivers them, into
 * the view of the cluster and the room; a message it cannot read is dropped, never passed
 * on, and logged at most once a minute.
 */
final class ClusterInbox {

	private final String nodeId;

	private final ClusterCodec codec;

	private final ClusterView view;

	private final ChatRoom room;

	private final Clock clock;

	private final BadMessageLog badMessages;

	/**
	 * How many messages were dropped as unreadable.
	 * @return the count
	 */
	long badMessages() {
		return this.badMessages.count();
	}

	ClusterInbox(String nodeId, ClusterCodec codec, ClusterView view, ChatRoom room, Clock clock) {
		this.nodeId = nodeId;
		this.codec = codec;
		this.view = view;
		this.room = room;
		this.clock = clock;
		this.badMessages = new BadMessageLog("the cluster channel", clock);
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
			this.badMessages.dropped(payload, ex);
		}
	}

	private void take(ClusterMessage message, Instant now) {
		// A late message of a node gone: its members were announced as left.
		if (!present(message, now) && !"alarm".equals(message.type())) {
			return;
		}
		switch (message.type()) {
			case "join", "leave", "rename", "say" -> this.room.remote(ClusterCodec.event(message));
			// Alarms travel on the alarm stream (AlarmReader); one here is not delivered.
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

}
