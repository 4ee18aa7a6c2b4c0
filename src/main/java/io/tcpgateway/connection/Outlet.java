package io.tcpgateway.connection;

import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;

import io.tcpgateway.chat.Line;
import org.jspecify.annotations.Nullable;

/**
 * How the gateway reaches one connection, whatever door it came through: every call is
 * safe from any thread and never blocks.
 */
public interface Outlet {

	/**
	 * Learns the connection it serves, before anything is sent through it.
	 * @param connection the connection
	 */
	default void attach(Connection connection) {
	}

	/**
	 * Sends a line.
	 * @param line the line
	 */
	void send(Line line);

	/**
	 * Sends the replies to a batch of lines at once where the door can; called on the
	 * thread that processes the connection's lines.
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
	 * Closes the connection now, dropping whatever has not been written.
	 */
	void close();

	/**
	 * The lane that carries lines to this connection together with others.
	 * @return the lane
	 */
	default Lane lane() {
		return Lane.DIRECT;
	}

	/**
	 * Where work for this connection runs in order with its lines: answers that arrive
	 * later, from another thread.
	 * @return the executor
	 */
	default Executor executor() {
		return ForkJoinPool.commonPool();
	}

	/**
	 * Stops taking input from the client until {@link #resumeReading()}, where the door
	 * can, while an answer is awaited.
	 */
	default void pauseReading() {
	}

	/**
	 * Takes input from the client again.
	 */
	default void resumeReading() {
	}

}
