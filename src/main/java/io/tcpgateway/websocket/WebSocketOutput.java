package io.tcpgateway.websocket;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.Executor;

import io.tcpgateway.chat.Line;
import io.tcpgateway.connection.Connection;
import io.tcpgateway.connection.Outlet;
import jakarta.websocket.RemoteEndpoint;
import org.jspecify.annotations.Nullable;

import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketSession;

/**
 * The outlet of one browser: each line becomes one text message, queued in order and sent
 * with the container's asynchronous send, one at a time, so no caller and no thread ever
 * waits for a browser; the completion of one send queues the start of the next on the
 * door's sender.
 *
 * <p>
 * The queue holds at most the pending output limit (the bytes queued or being sent); a
 * line beyond it, or a send still unfinished after the send time limit, closes the
 * browser as a slow consumer. Lines pushed from other threads while the connection is
 * being admitted wait until the greeting is queued, so the greeting always comes first.
 * Closing may wait for the container (Tomcat writes the close frame with a blocking
 * write), so it runs on the door's closer.
 */
final class WebSocketOutput implements Outlet {

	/** Tells a client that went over a limit; the close frame may not reach it. */
	static final CloseStatus SLOW = CloseStatus.POLICY_VIOLATION.withReason("slow consumer");

	private final WebSocketSession session;

	private final RemoteEndpoint.Async remote;

	private final Executor sender;

	private final SendWindow window;

	private final Executor closer;

	private final long maxPendingOutput;

	private final long sendTimeLimitNanos;

	private final Runnable slowConsumer;

	private final Queue<Line> queue = new ArrayDeque<>();

	private final List<Line> held = new ArrayList<>();

	private @Nullable Thread admitting;

	private long pending;

	private volatile @Nullable Connection connection;

	private boolean busy;

	private boolean inFlight;

	private long sendStarted;

	private boolean closing;

	// The status of the close that follows the last line. Guarded by this.
	private CloseStatus closeWith = CloseStatus.NORMAL;

	private boolean closed;

	/**
	 * Creates the outlet of a session.
	 * @param session the session, closed through Spring's API
	 * @param remote the container's asynchronous sender of the same session
	 * @param workers the door's threads that start the sends and close, and the window
	 * that paces the sends
	 * @param settings the pending output and send time limits
	 * @param slowConsumer tells the doorkeeper that the browser does not keep up
	 */
	WebSocketOutput(WebSocketSession session, RemoteEndpoint.Async remote, Workers workers,
			WebSocketDoor.Settings settings, Runnable slowConsumer) {
		this.session = session;
		this.remote = remote;
		this.sender = workers.sender();
		this.window = workers.window();
		this.closer = workers.closer();
		this.maxPendingOutput = settings.maxPendingOutput();
		this.sendTimeLimitNanos = settings.sendTimeLimit().toNanos();
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
	 * Queues the lines held while the connection was admitted, and starts sending.
	 */
	void admitted() {
		boolean start;
		synchronized (this) {
			this.admitting = null;
			this.queue.addAll(this.held);
			this.held.clear();
			start = startSending();
		}
		if (start) {
			this.sender.execute(this::sendNext);
		}
	}

	@Override
	public void attach(Connection connection) {
		this.connection = connection;
	}

	@Override
	public void send(Line line) {
		enqueue(line, null);
	}

	@Override
	public void closeAfter(@Nullable Line last) {
		enqueue(last, CloseStatus.NORMAL);
	}

	/**
	 * Closes the session with a status once what is queued has been sent, so that the
	 * close never meets a send still under way.
	 * @param status the status
	 */
	void closeAfterSent(CloseStatus status) {
		enqueue(null, status);
	}

	@Override
	public void close() {
		close(SLOW);
	}

	/**
	 * Closes the session with a status, dropping whatever has not been sent.
	 * @param status the status
	 */
	void close(CloseStatus status) {
		if (stop()) {
			this.closer.execute(() -> closeSession(status));
		}
	}

	/**
	 * Drops what is queued once the session has closed.
	 */
	void closed() {
		stop();
	}

	/**
	 * Closes the browser as a slow consumer if the line being sent has taken longer than
	 * the send time limit; called now and then by the door's timer.
	 * @param now the time, from {@link System#nanoTime()}
	 */
	void checkSendTime(long now) {
		boolean late;
		synchronized (this) {
			late = this.inFlight && now - this.sendStarted > this.sendTimeLimitNanos;
		}
		if (late) {
			slow();
		}
	}

	private void enqueue(@Nullable Line line, @Nullable CloseStatus closeWith) {
		boolean overflow;
		boolean start = false;
		synchronized (this) {
			if (this.closed || this.closing) {
				return;
			}
			if (closeWith != null) {
				this.closing = true;
				this.closeWith = closeWith;
			}
			if (line != null) {
				boolean hold = this.admitting != null && this.admitting != Thread.currentThread();
				(hold ? this.held : this.queue).add(line);
				this.pending += size(line);
			}
			overflow = this.pending > this.maxPendingOutput;
			if (!overflow) {
				start = startSending();
			}
		}
		if (overflow) {
			slow();
		}
		else if (start) {
			this.sender.execute(this::sendNext);
		}
	}

	/**
	 * Whether to hand the output to the sender: not while a line is on its way, nor while
	 * the connection is being admitted, nor with nothing to do. Called under the lock.
	 */
	private boolean startSending() {
		if (this.busy || this.admitting != null || this.closed || (this.queue.isEmpty() && !this.closing)) {
			return false;
		}
		this.busy = true;
		return true;
	}

	/**
	 * Starts sending the next queued line, on the sender; with none left after a last
	 * line, closes the session.
	 */
	private void sendNext() {
		Line line;
		CloseStatus status;
		synchronized (this) {
			if (this.closed) {
				return;
			}
			status = this.closeWith;
			line = this.queue.poll();
			if (line == null) {
				this.busy = false;
				if (!this.closing) {
					return;
				}
				this.closed = true;
			}
			else {
				this.sendStarted = System.nanoTime();
				this.inFlight = true;
			}
		}
		if (line == null) {
			this.closer.execute(() -> closeSession(status));
			return;
		}
		SendWindow.Slot slot = this.window.take();
		try {
			this.remote.sendText(line.text(), (result) -> {
				slot.completed();
				sent(line, result.isOK() ? null : result.getException());
			});
		}
		catch (RuntimeException ex) {
			// the container refuses once the session has closed
			slot.cancelled();
			sent(line, ex);
		}
	}

	/**
	 * Called by the container when a line has gone out, or could not: on a container
	 * thread, so it only hands the next send to the sender, or the close to the closer.
	 */
	private void sent(Line line, @Nullable Throwable failure) {
		boolean next;
		synchronized (this) {
			this.inFlight = false;
			this.busy = false;
			this.pending -= size(line);
			next = failure == null && startSending();
		}
		if (failure == null) {
			Connection counted = this.connection;
			if (counted != null) {
				counted.sent(1, size(line));
			}
			if (next) {
				this.sender.execute(this::sendNext);
			}
		}
		else if (failure instanceof SocketTimeoutException) {
			// the container's write timeout (its connection timeout) ran out first
			slow();
		}
		else {
			// the browser went away, or the session closed under the send
			close(CloseStatus.SERVER_ERROR);
		}
	}

	/**
	 * Stops the output for good: nothing more is queued or sent.
	 * @return whether this call stopped it
	 */
	private synchronized boolean stop() {
		if (this.closed) {
			return false;
		}
		this.closed = true;
		this.queue.clear();
		this.held.clear();
		return true;
	}

	/**
	 * Closes a browser that does not keep up; the doorkeeper records it off the caller's
	 * thread, which may hold the chat room's lock.
	 */
	private void slow() {
		if (stop()) {
			this.closer.execute(() -> {
				this.slowConsumer.run();
				closeSession(SLOW);
			});
		}
	}

	private void closeSession(CloseStatus status) {
		try {
			this.session.close(status);
		}
		catch (IOException | RuntimeException ex) {
			// already closed
		}
	}

	/**
	 * The door's own threads, a few whatever the number of browsers, and the window that
	 * paces their sends.
	 *
	 * @param sender starts each send: the container's asynchronous send writes what the
	 * socket takes at once, which is not work for a caller holding the chat room's lock
	 * @param window keeps the completions of the sends from piling up for the container's
	 * threads
	 * @param closer closes sessions, which may block for a moment
	 */
	record Workers(Executor sender, SendWindow window, Executor closer) {

	}

	private static int size(Line line) {
		return line.text().getBytes(StandardCharsets.UTF_8).length;
	}

}
