package io.tcpgateway.connection;

import java.util.ArrayList;
import java.util.List;

import io.tcpgateway.chat.Fanout;
import io.tcpgateway.chat.Member;

/**
 * The room's fan-out onto connections: the members' connections grouped by lane once for
 * every change of the room, each line handed to each lane once.
 */
final class RoomDelivery implements Fanout {

	@Override
	public Audience audience(List<Member> members) {
		List<Connection> connections = new ArrayList<>(members.size());
		for (Member member : members) {
			connections.add(Connection.of(member));
		}
		Recipients recipients = new Recipients(connections);
		return (line, except) -> recipients.deliver(line, (except != null) ? Connection.of(except) : null);
	}

}
