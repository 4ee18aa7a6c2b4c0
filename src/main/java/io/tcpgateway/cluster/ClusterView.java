package io.tcpgateway.cluster;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The other live nodes as this node hears of them: when each was last heard from, its
 * open connections and the members of its part of the room.
 */
final class ClusterView {

	private final Map<String, Node> nodes = new HashMap<>();

	synchronized void heard(String node, Instant at) {
		node(node).heardAt = at;
	}

	synchronized void heartbeat(String node, Instant at, int connections, List<String> members) {
		Node state = node(node);
		state.heardAt = at;
		state.connections = connections;
		state.members.clear();
		state.members.addAll(members);
	}

	synchronized void joined(String node, Instant at, String nick) {
		Node state = node(node);
		state.heardAt = at;
		if (!state.members.contains(nick)) {
			state.members.add(nick);
		}
	}

	synchronized void left(String node, Instant at, String nick) {
		Node state = node(node);
		state.heardAt = at;
		state.members.remove(nick);
	}

	synchronized void renamed(String node, Instant at, String nick, String newNick) {
		Node state = node(node);
		state.heardAt = at;
		int index = state.members.indexOf(nick);
		if (index >= 0) {
			state.members.set(index, newNick);
		}
	}

	/**
	 * Forgets a node.
	 * @param node the node id
	 * @return the names of its members
	 */
	synchronized List<String> remove(String node) {
		Node state = this.nodes.remove(node);
		return (state != null) ? List.copyOf(state.members) : List.of();
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

	private Node node(String id) {
		return this.nodes.computeIfAbsent(id, (key) -> new Node());
	}

	private static final class Node {

		private Instant heardAt = Instant.MIN;

		private int connections;

		private final List<String> members = new ArrayList<>();

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
