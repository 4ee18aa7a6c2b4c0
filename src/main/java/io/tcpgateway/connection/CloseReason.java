package io.tcpgateway.connection;

import java.util.Locale;

/**
 * Why a connection was closed; the {@code reason} tag of {@code tcp.connections.closed}.
 */
public enum CloseReason {

	/** The client closed or reset the connection. */
	CLIENT,

	/** The client sent {@code /quit}. */
	QUIT,

	/** An operator closed it over HTTP. */
	KICKED,

	/** It sent nothing for the idle timeout. */
	IDLE,

	/** It broke a limit: line too long, server full or too much pending output. */
	LIMIT,

	/** A read or write failed. */
	ERROR,

	/** The gateway is shutting down. */
	SHUTDOWN;

	/**
	 * The tag value and event detail.
	 * @return the lower-case name
	 */
	public String label() {
		return name().toLowerCase(Locale.ROOT);
	}

}
