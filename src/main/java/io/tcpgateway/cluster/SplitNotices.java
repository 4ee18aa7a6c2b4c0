package io.tcpgateway.cluster;

import java.time.Duration;
import java.time.Instant;

import io.tcpgateway.chat.ChatRoom;
import io.tcpgateway.chat.RoomEvent;

/**
 * Tells the members on this node when the room splits, because this node lost Redis, and
 * when it is whole again; on a link that flaps, at most one split a node timeout, so at
 * most one pair.
 */
final class SplitNotices {

	static final String SPLIT = "the room is split: your lines reach this node only";

	static final String WHOLE = "the room is whole again";

	private final ChatRoom room;

	private final Duration nodeTimeout;

	private boolean split;

	private Instant lastSplit = Instant.MIN;

	SplitNotices(ChatRoom room, Duration nodeTimeout) {
		this.room = room;
		this.nodeTimeout = nodeTimeout;
	}

	/**
	 * Looks at the link; called on every heartbeat, from one thread.
	 * @param up whether this node reaches Redis
	 * @param now the time
	 */
	void update(boolean up, Instant now) {
		if (!up && !this.split && !now.isBefore(this.lastSplit.plus(this.nodeTimeout))) {
			this.split = true;
			this.lastSplit = now;
			this.room.remote(RoomEvent.notice(SPLIT));
		}
		else if (up && this.split) {
			this.split = false;
			this.room.remote(RoomEvent.notice(WHOLE));
		}
	}

}
