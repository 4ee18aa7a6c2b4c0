package io.tcpgateway.protocol;

import io.tcpgateway.chat.Line;

/**
 * What a session needs from its connection: a way to send lines and to hang up.
 */
public interface Link {

	/**
	 * Sends a reply; called only on the thread that processes the connection's lines.
	 * @param line the line, without its ending
	 */
	void reply(String line);

	/**
	 * Sends a line from any thread, without blocking.
	 * @param line the line
	 */
	void push(Line line);

	/**
	 * Sends a last line and closes the connection; called on the thread that processes
	 * its lines.
	 * @param lastLine the last line
	 */
	void hangUp(String lastLine);

}
