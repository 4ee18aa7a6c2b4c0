package io.tcpgateway.cluster;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One message on the cluster channel, versioned, from one node to all the others.
 *
 * @param v the format version, {@value #VERSION}
 * @param type what it carries: {@code join}, {@code leave}, {@code rename}, {@code say},
 * {@code alarm}, {@code heartbeat} or {@code bye}, or {@code alive} on the liveness
 * channel
 * @param node the id of the node that sent it
 * @param nick the member concerned (its old name for a rename)
 * @param text the new name, the chat text or the alarm's text (an entry of the alarm
 * stream)
 * @param connections the sender's open connections, in a heartbeat
 * @param members the names of the sender's room members, in a heartbeat
 * @param epoch the sender's incarnation ({@link Incarnation}); absent from a node of an
 * earlier release, which counts as 0
 */
record ClusterMessage(int v, String type, String node, @Nullable String nick, @Nullable String text,
		@Nullable Integer connections, @Nullable List<String> members, @Nullable Long epoch) {

	static final int VERSION = 1;

	static ClusterMessage of(String type, String node, @Nullable String nick, @Nullable String text) {
		return new ClusterMessage(VERSION, type, node, nick, text, null, null, null);
	}

	static ClusterMessage heartbeat(String node, int connections, List<String> members) {
		return new ClusterMessage(VERSION, "heartbeat", node, null, null, connections, members, null);
	}

	ClusterMessage withEpoch(long epoch) {
		return new ClusterMessage(this.v, this.type, this.node, this.nick, this.text, this.connections, this.members,
				epoch);
	}

	/**
	 * The sender's incarnation.
	 * @return the epoch, 0 if the sender did not say
	 */
	long incarnation() {
		return (this.epoch != null) ? this.epoch : 0;
	}

}
