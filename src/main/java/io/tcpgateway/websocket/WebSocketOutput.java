package io.tcpgateway.websocket;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.Executor;

import io.tcpgateway.chat.Line;
import io.tcpgateway.connection.Connection;
import io.tcpgateway.connection.Outlet;
import org.jspecify.annotations.Nullable;

import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;

/**
 * The outlet of one browser: each line becomes one text message, queued in order and
 * written by a task of its own, so no caller ever waits for a browser.
 *
 * <p>
 * The queue holds at most the pending output limit; a line beyond it, or a line that
 * cannot be written within the send time limit, closes the browser as a slow consumer.
 * Lines pushed from other threads while the connection is being admitted wait until the
 * greeting is queued, so the greeting always comes first.
 */
final class WebSocketOutput implements Outlet {

	/** Tells a client that went over a limit; the close frame may not reach it. */
	static final CloseStatus SLOW = CloseStatus.POLICY_VIOLATION.withReason("slow consumer");

	private final WebSocketSession session;

	private final Executor writer;

	private final long maxPendingOutput;

	private final Runnable slowConsumer;

	private final Queue<Line> queue = new ArrayDeque<>();

	private final List<Line> held = new ArrayList<>();

	private @Nullable Thread admitting;

	private long pending;

	private volatile @Nullable Connection connection;

	private boolean writing;

	private boolean closing;

	private boolean closed;

	/**
	 * Creates the outlet of a session.
	 * @param session the session
	 * @param writer runs the tasks that write and close
	 * @param maxPendingOutput the most bytes of output queued for it
	 * @param slowConsumer tells the doorkeeper that the browser does not keep up
	 */
	WebSocketOutput(WebSocketSession session, Executor writer, long maxPendingOutput, Runnable slowConsumer) {
		this.session = session;
		this.writer = writer;
		this.maxPendingOutput = maxPendingOutput;
		this.slowConsumer = slowConsumer;
	}

	/**
	 * Holds the lines of other threads until {@link #admitted()}; called by the thread
	 * that admits the connection.
	 */
	synchronized void admitting() {
		this.admitting = Thread.currentThread();
	}

	/**
	 * Queues the lines held while the connection was admitted.
	 */
	void admitted() {
		boolean start;
		synchronized (this) {
			this.admitting = null;
			this.queue.addAll(this.held);
			this.held.clear();
			start = startWriting();
		}
		if (start) {
			this.writer.execute(this::write);
		}
	}

	@Override
	public void attach(Connection connection) {
		this.connection = connection;
	}

	@Override
	public void send(Line line) {
		enqueue(line, false);
	}

	@Override
	public void closeAfter(@Nullable Line last) {
		enqueue(last, true);
	}

	@Override
	public void close() {
		synchronized (this) {
			if (this.closed) {
				return;
			}
			this.closed = true;
			this.queue.clear();
			this.held.clear();
		}
		this.writer.execute(() -> closeSession(SLOW));
	}

	/**
	 * Drops what is queued once the session has closed.
	 */
	synchronized void closed() {
		this.closed = true;
		this.queue.clear();
		this.held.clear();
	}

	private void enqueue(@Nullable Line line, boolean last) {
		boolean start;
		boolean overflow;
		synchronized (this) {
			if (this.closed || this.closing) {
				return;
			}
			this.closing = last;
			if (line != null) {
				boolean hold = this.admitting != null && this.admitting != Thread.currentThread();
				(hold ? this.held : this.queue).add(line);
				this.pending += size(line);
			}
			overflow = this.pending > this.maxPendingOutput;
			start = !overflow && this.admitting == null && startWriting();
		}
		if (overflow) {
			slow();
		}
		else if (start) {
			this.writer.execute(this::write);
		}
	}

	private boolean startWriting() {
		if (this.writing || (this.queue.isEmpty() && !this.closing)) {
			return false;
		}
		this.writing = true;
		return true;
	}

	/**
	 * Writes the queued lines in order until none is left, then closes the session if a
	 * last line was among them.
	 */
	private void write() {
		while (true) {
			Line line;
			synchronized (this) {
				line = this.queue.poll();
				if (line == null) {
					this.writing = false;
					if (!this.closing || this.closed) {
						return;
					}
					this.closed = true;
				}
			}
			if (line == null) {
				closeSession(CloseStatus.NORMAL);
				return;
			}
			try {
				this.session.sendMessage(new TextMessage(line.text()));
				Connection counted = this.connection;
				if (counted != null) {
					counted.sent(1, size(line));
				}
			}
			catch (IOException | RuntimeException ex) {
				// A browser that went away gets its close callback; one that is still
				// there did not take the line within the send time limit.
				if (this.session.isOpen()) {
					slow();
				}
				closed();
				return;
			}
			finally {
				synchronized (this) {
					this.pending -= size(line);
				}
			}
		}
	}

	private void slow() {
		this.slowConsumer.run();
		close();
	}

	private void closeSession(CloseStatus status) {
		try {
			this.session.close(status);
		}
		catch (IOException | RuntimeException ex) {
			// already closed
		}
	}

	private static int size(Line line) {
		return line.text().getBytes(StandardCharsets.UTF_8).length;
	}

}
