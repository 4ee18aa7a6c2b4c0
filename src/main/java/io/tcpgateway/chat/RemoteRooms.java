package io.tcpgateway.chat;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The same room on the other nodes of a cluster: claims on names, and a way to tell them
 * what happens here; {@link #NONE} keeps the room to this node.
 */
public interface RemoteRooms {

	/** A room on this node alone: every claim wins at once, nothing leaves the node. */
	RemoteRooms NONE = new RemoteRooms() {

		@Override
		public CompletableFuture<Boolean> claim(String name) {
			return CompletableFuture.completedFuture(true);
		}

		@Override
		public CompletableFuture<Void> release(String name) {
			return CompletableFuture.completedFuture(null);
		}

		@Override
		public void publish(RoomEvent event) {
		}

		@Override
		public void present(List<String> members) {
		}

		@Override
		public List<String> remoteMembers() {
			return List.of();
		}

	};

	/**
	 * Claims a name for this node against every other node, after the room checked its
	 * own clients; never blocks, and is never called under the room's lock.
	 * @param name the name, in the case asked for
	 * @return {@code true} once no other node holds it, in any case; {@code false} if one
	 * does; completed exceptionally if the cluster cannot tell in time
	 */
	CompletableFuture<Boolean> claim(String name);

	/**
	 * Gives back a name this node claimed; never blocks, and is called in the order the
	 * room gives names up.
	 * @param name the name
	 * @return completed once no other node will find the name held by this one, or once
	 * the cluster cannot tell; never exceptionally
	 */
	CompletableFuture<Void> release(String name);

	/**
	 * Tells the other nodes of a join, leave, rename or chat line, in the order of the
	 * calls; called under the room's lock and never blocks on the network.
	 * @param event the event
	 */
	void publish(RoomEvent event);

	/**
	 * Tells the other nodes who is in the room on this node, in order with
	 * {@link #publish}; called under the room's lock.
	 * @param members the names of the members here
	 */
	void present(List<String> members);

	/**
	 * The names of the members on the other nodes.
	 * @return the names
	 */
	List<String> remoteMembers();

}
