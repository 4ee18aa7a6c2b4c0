package io.tcpgateway.chat;

import java.util.List;

/**
 * What the chat room needs to span several nodes: claims on names, and a way to tell the
 * other nodes what happens in the room; {@link #LOCAL} keeps the room to this node.
 */
public interface RoomLink {

	/** A room on this node alone: every claim wins, nothing leaves the node. */
	RoomLink LOCAL = new RoomLink() {

		@Override
		public boolean claim(String name) {
			return true;
		}

		@Override
		public void release(String name) {
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
	 * Claims a name for this node against every other node; called under the room's lock,
	 * after the room checked its own clients.
	 * @param name the name, in the case asked for
	 * @return {@code true} if no other node holds it, in any case
	 */
	boolean claim(String name);

	/**
	 * Gives back a name this node claimed.
	 * @param name the name
	 */
	void release(String name);

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
