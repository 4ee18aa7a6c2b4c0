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
			// Alarms travel on the alarm stream (AlarmReader); one here is not delivered.
			default -> {
			}
		}
	}

}
