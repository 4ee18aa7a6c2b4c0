package io.tcpgateway.protocol;

/**
 * What a session needs from its connection: a way to send lines and to hang up.
 */
public interface Link {

	/**
	 * Sends a reply; called only on the connection's own reader thread.
	 * @param line the line, without its ending
	 */
	void reply(String line);

	/**
	 * Sends a line from any thread, without blocking.
	 * @param line the line, without its ending
	 */
	void push(String line);

	/**
	 * Sends a last line and closes the connection; called on its own reader thread.
	 * @param lastLine the last line
	 */
	void hangUp(String lastLine);

}
