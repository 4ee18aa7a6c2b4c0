package io.tcpgateway.connection;

import java.util.List;

import io.tcpgateway.chat.Line;
import org.jspecify.annotations.Nullable;

/**
 * How the registry reaches one connection, whatever door it came through: all three calls
 * are safe from any thread and never block.
 */
public interface Outlet {

	/**
	 * Sends a line.
	 * @param line the line
	 */
	void send(Line line);

	/**
	 * Sends lines that go together, such as the replies to one batch of lines, at once
	 * where the door can.
	 * @param lines the lines, in order
	 */
	default void send(List<Line> lines) {
		for (Line line : lines) {
			send(line);
		}
	}

	/**
	 * Sends a last line, then closes the connection once it is written, or after a short
	 * grace if the client does not read it.
	 * @param last the last line, or {@code null} for none
	 */
	void closeAfter(@Nullable Line last);

	/**
	 * Says goodbye on a shutdown: answers the lines the client sent before it, then sends
	 * a last line and closes as {@link #closeAfter(Line)} does.
	 * @param last the last line
	 */
	default void goodbye(Line last) {
		closeAfter(last);
	}

	/**
	 * Closes the connection now, dropping whatever has not been written.
	 */
	void close();

}
