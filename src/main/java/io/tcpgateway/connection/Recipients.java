package io.tcpgateway.connection;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import io.tcpgateway.chat.Line;
import org.jspecify.annotations.Nullable;

/**
 * Connections grouped by the lane that reaches them, so that one line costs one hand-over
 * per lane, not one per connection.
 */
final class Recipients {

	private final Lane[] lanes;

	private final Connection[][] connections;

	Recipients(Iterable<Connection> all) {
		Map<Lane, List<Connection>> byLane = new IdentityHashMap<>();
		for (Connection connection : all) {
			byLane.computeIfAbsent(connection.outlet().lane(), (lane) -> new ArrayList<>()).add(connection);
		}
		this.lanes = new Lane[byLane.size()];
		this.connections = new Connection[byLane.size()][];
		int i = 0;
		for (Map.Entry<Lane, List<Connection>> entry : byLane.entrySet()) {
			this.lanes[i] = entry.getKey();
			this.connections[i] = entry.getValue().toArray(Connection[]::new);
			i++;
		}
	}

	/**
	 * Hands a line to every connection but one.
	 * @param line the line
	 * @param except the connection that does not get it, or {@code null}
	 * @return how many connections the lanes hold, the one left out included
	 */
	int deliver(Line line, @Nullable Connection except) {
		Parcel parcel = new Parcel(line);
		int count = 0;
		try {
			for (int i = 0; i < this.lanes.length; i++) {
				this.lanes[i].deliver(parcel, this.connections[i], except);
				count += this.connections[i].length;
			}
		}
		finally {
			parcel.close();
		}
		return count;
	}

}
