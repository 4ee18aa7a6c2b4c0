package io.tcpgateway.connection;

import java.util.List;

/**
 * What operators may do with the open connections: list them, close one, and send a line
 * to all of them.
 */
public interface Connections {

	/**
	 * The open connections, oldest first.
	 * @return a snapshot of each
	 */
	List<ConnectionSnapshot> list();

	/**
	 * Sends a connection a last line, then closes it.
	 * @param id the connection id
	 * @param notice the last line it gets
	 * @return {@code false} if no connection with that id is open
	 */
	boolean kick(String id, String notice);

	/**
	 * Sends a line to every open connection without waiting for any of them.
	 * @param line the line
	 * @return how many connections it was sent to
	 */
	int broadcast(String line);

}
