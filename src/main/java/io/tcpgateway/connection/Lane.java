package io.tcpgateway.connection;

import org.jspecify.annotations.Nullable;

/**
 * A way to many connections at once: the TCP door has one per event loop, which writes a
 * line to all of its channels in one task; {@link #DIRECT} sends to each connection in
 * turn.
 */
public interface Lane {

	/** Sends through each connection's outlet. */
	Lane DIRECT = (parcel, to, except) -> {
		for (Connection connection : to) {
			if (connection != except) {
				connection.send(parcel.line());
			}
		}
	};

	/**
	 * Hands a line to connections of this lane without blocking; lines handed over one
	 * after another reach each connection in that order.
	 * @param parcel the line, encoded at most once per wire format
	 * @param to the connections, all of this lane
	 * @param except a connection that does not get it, or {@code null}
	 */
	void deliver(Parcel parcel, Connection[] to, @Nullable Connection except);

}
