package io.tcpgateway.connection;

import java.util.Locale;

/**
 * The kinds of error counted by {@code tcp.errors}, its {@code type} tag.
 */
public enum ErrorType {

	/** A line the protocol answered with {@code ERR}. */
	PROTOCOL,

	/** A line longer than the limit. */
	LINE_TOO_LONG,

	/** A client over the pending output limit. */
	SLOW_CONSUMER,

	/** A client refused because the server was full. */
	SERVER_FULL,

	/** A read or write that failed. */
	IO,

	/** A chat line dropped because its sender went over the chat rate. */
	FLOOD,

	/**
	 * A line whose processing failed on a bug in the gateway, answered
	 * {@code ERR internal error}.
	 */
	INTERNAL;

	/**
	 * The tag value.
	 * @return the lower-case name
	 */
	public String label() {
		return name().toLowerCase(Locale.ROOT);
	}

}
