package io.tcpgateway.chat;

import org.jspecify.annotations.Nullable;

/**
 * A client as the chat room sees it: a name and a way to receive lines.
 */
public interface Member {

	@Nullable String nick();

	void nick(String nick);

	/**
	 * Delivers one line to this member alone; never blocks.
	 * @param line the line
	 */
	void deliver(Line line);

}
