package io.tcpgateway.tcp;

import java.io.IOException;

/**
 * A client sent a line longer than the limit; carries the connection id that Spring
 * Integration's deserialization event lacks.
 */
final class LineTooLongException extends IOException {

	private final String connectionId;

	LineTooLongException(String connectionId, int maxLineLength) {
		super("line too long (max " + maxLineLength + " bytes)");
		this.connectionId = connectionId;
	}

	String connectionId() {
		return this.connectionId;
	}

}
