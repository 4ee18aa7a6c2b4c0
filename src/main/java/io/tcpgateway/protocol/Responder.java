package io.tcpgateway.protocol;

import java.util.concurrent.CompletionStage;

import io.tcpgateway.chat.Line;
import org.jspecify.annotations.Nullable;

/**
 * What a session needs from its connection: a way to answer its lines, to push lines from
 * elsewhere, to answer later, and to hang up.
 */
public interface Responder {

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
	 * Answers the current line once an answer that is not known yet arrives: its reply,
	 * if any, goes out in order with the others, and the client's later lines are
	 * processed only after it; called on the thread that processes the lines.
	 * @param answer the reply to send, or {@code null} for none
	 */
	void later(CompletionStage<@Nullable String> answer);

	/**
	 * Sends a last line and closes the connection; called on the thread that processes
	 * its lines.
	 * @param lastLine the last line
	 */
	void hangUp(String lastLine);

}
