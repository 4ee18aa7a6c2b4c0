package io.tcpgateway.cluster;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The other live nodes as this node hears of them: the incarnation of each, when it was
 * last heard from, its open connections and the members of its part of the room.
 *
 * <p>
 * A node that said goodbye or was dropped stays gone: a late message of that incarnation,
 * or of an older one, changes nothing. Only a higher incarnation of the node, one that
 * restarted or came back from a silence, brings it back.
 */
final class ClusterView {

	private final Map<String, Node> nodes = new HashMap<>();

	// The last incarnation of each node that said goodbye or was dropped.
	private final Map<String, Long> gone = new HashMap<>();

	/**
	 * Hears from a node.
	 * @param node the node id
	 * @param epoch its incarnation
	 * @param at when
	 * @return {@code false} if that incarnation is gone or outlived
	 */
	synchronized boolean heard(String node, long epoch, Instant at) {
		return live(node, epoch, at) != null;
	}

	/**
	 * Hears that a node is alive, on the liveness channel; only a known incarnation is
	 * kept alive, a new one comes with its messages on the cluster channel.
	 * @param node the node id
	 * @param epoch its incarnation
	 * @param at when
	 */
	synchronized void alive(String node, long epoch, Instant at) {
		Node state = this.nodes.get(node);
		if (state != null && state.epoch == epoch) {
			state.heardAt = at;
		}
	}

	/**
	 * Takes a node's heartbeat: its members now.
	 * @param node the node id
	 * @param epoch its incarnation
	 * @param at when
	 * @param connections its open connections
	 * @param members its members
	 * @return who joined and who left since the view last knew, empty the first time the
	 * node is heard of; {@code null} if that incarnation is gone or outlived
	 */
	synchronized @Nullable Changes heartbeat(String node, long epoch, Instant at, int connections,
			List<String> members) {
		Node state = live(node, epoch, at);
		if (state == null) {
			return null;
		}
		Changes changes = Changes.NONE;
		if (state.known) {
			changes = new Changes(members.stream().filter((nick) -> !state.members.contains(nick)).toList(),
					state.members.stream().filter((nick) -> !members.contains(nick)).toList());
		}
		state.known = true;
		state.connections = connections;
		state.members.clear();
		state.members.addAll(members);
		return changes;
	}

	synchronized boolean joined(String node, long epoch, Instant at, String nick) {
		Node state = live(node, epoch, at);
		if (state != null && !state.members.contains(nick)) {
			state.members.add(nick);
		}
		return state != null;
	}

	synchronized boolean left(String node, long epoch, Instant at, String nick) {
		Node state = live(node, epoch, at);
		if (state != null) {
			state.members.remove(nick);
		}
		return state != null;
	}

	synchronized boolean renamed(String node, long epoch, Instant at, String nick, String newNick) {
		Node state = live(node, epoch, at);
		if (state != null) {
			int index = state.members.indexOf(nick);
			if (index >= 0) {
				state.members.set(index, newNick);
			}
		}
		return state != null;
	}

	/**
	 * Forgets a node that said goodbye, for good unless a higher incarnation comes.
	 * @param node the node id
	 * @param epoch the incarnation that said it
	 * @return the names of its members; none if that incarnation was gone already
	 */
	synchronized List<String> remove(String node, long epoch) {
		Node state = this.nodes.get(node);
		if (state == null || epoch < state.epoch) {
			bury(node, epoch);
			return List.of();
		}
		this.nodes.remove(node);
		bury(node, epoch);
		return List.copyOf(state.members);
	}

	/**
	 * Forgets the nodes last heard from before a time.
	 * @param heardBefore the time
	 * @return the names of the members of each node forgotten, by node id
	 */
	synchronized Map<String, List<String>> sweep(Instant heardBefore) {
		Map<String, List<String>> dead = new LinkedHashMap<>();
		for (Iterator<Map.Entry<String, Node>> it = this.nodes.entrySet().iterator(); it.hasNext();) {
			Map.Entry<String, Node> entry = it.next();
			if (entry.getValue().heardAt.isBefore(heardBefore)) {
				dead.put(entry.getKey(), List.copyOf(entry.getValue().members));
				bury(entry.getKey(), entry.getValue().epoch);
				it.remove();
			}
		}
		return dead;
	}

	synchronized List<String> members() {
		List<String> members = new ArrayList<>();
		this.nodes.values().forEach((node) -> members.addAll(node.members));
		return members;
	}

	synchronized int connections() {
		return this.nodes.values().stream().mapToInt((node) -> node.connections).sum();
	}

	synchronized List<NodeSnapshot> snapshot() {
		return this.nodes.entrySet()
			.stream()
			.map((entry) -> new NodeSnapshot(entry.getKey(), entry.getValue().connections, entry.getValue().heardAt))
			.sorted(Comparator.comparing(NodeSnapshot::id))
			.toList();
	}

	/**
	 * The state of a live incarnation, a new one taking the place of an older one.
	 * @return the state, or {@code null} if the incarnation is gone or outlived
	 */
	private @Nullable Node live(String id, long epoch, Instant at) {
		Long buried = this.gone.get(id);
		if (buried != null && epoch <= buried) {
			return null;
		}
		Node state = this.nodes.get(id);
		if (state != null && epoch < state.epoch) {
			return null;
		}
		if (state == null || epoch > state.epoch) {
			// A node seen before comes back: its first heartbeat tells who joined and
			// left, against the members it had.
			Node next = new Node(epoch, state != null || buried != null);
			if (state != null) {
				next.members.addAll(state.members);
			}
			this.nodes.put(id, next);
			state = next;
		}
		state.heardAt = at;
		return state;
	}

	private void bury(String node, long epoch) {
		// A node of an earlier release has no incarnation, and could never come back.
		if (epoch > 0) {
			this.gone.merge(node, epoch, Math::max);
		}
	}

	private static final class Node {

		private final long epoch;

		// Whether its heartbeats announce who joined and left.
		private boolean known;

		private Instant heardAt = Instant.MIN;

		private int connections;

		private final List<String> members = new ArrayList<>();

		private Node(long epoch, boolean known) {
			this.epoch = epoch;
			this.known = known;
		}

	}

	/**
	 * Who joined and who left a node, as its heartbeat tells.
	 *
	 * @param joined the members new to the view
	 * @param left the members gone
	 */
	record Changes(List<String> joined, List<String> left) {

		static final Changes NONE = new Changes(List.of(), List.of());

	}

	/**
	 * One live node as the {@code cluster} endpoint shows it.
	 *
	 * @param id the node id
	 * @param connections its open connections
	 * @param lastHeardAt when it was last heard from
	 */
	record NodeSnapshot(String id, int connections, Instant lastHeardAt) {

	}

}
