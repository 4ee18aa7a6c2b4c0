package io.tcpgateway.cluster;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One message on the cluster channel, versioned, from one node to all the others.
 *
 * @param v the format version, {@value #VERSION}
 * @param type what it carries: {@code join}, {@code leave}, {@code rename}, {@code say},
 * {@code alarm}, {@code heartbeat} or {@code bye}
 * @param node the id of the node that sent it
 * @param nick the member concerned (its old name for a rename)
 * @param text the new name, the chat text or the alarm's text (an entry of the alarm
 * stream)
 * @param connections the sender's open connections, in a heartbeat
 * @param members the names of the sender's room members, in a heartbeat
 */
record ClusterMessage(int v, String type, String node, @Nullable String nick, @Nullable String text,
		@Nullable Integer connections, @Nullable List<String> members) {

	static final int VERSION = 1;

	static ClusterMessage of(String type, String node, @Nullable String nick, @Nullable String text) {
		return new ClusterMessage(VERSION, type, node, nick, text, null, null);
	}

	static ClusterMessage heartbeat(String node, int connections, List<String> members) {
		return new ClusterMessage(VERSION, "heartbeat", node, null, null, connections, members);
	}

}
