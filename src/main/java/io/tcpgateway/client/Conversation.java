package io.tcpgateway.client;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The state of one conversation with the server, and the wait for its end: the connection
 * closed, or input ended and the server has since been quiet.
 */
final class Conversation {

	private long lastActivity = System.nanoTime();

	private long inputEnded;

	private boolean ended;

	private boolean closed;

	private String lostReason;

	/**
	 * Records that a line went one way or the other, which restarts the quiet period.
	 */
	synchronized void activity() {
		this.lastActivity = System.nanoTime();
	}

	/**
	 * Records that there is nothing more to send.
	 */
	synchronized void inputEnded() {
		if (!this.ended) {
			this.ended = true;
			this.inputEnded = System.nanoTime();
			this.lastActivity = this.inputEnded;
			notifyAll();
		}
	}

	/**
	 * Records that the connection closed; only the first call counts, so a failure seen
	 * while closing cannot turn a clean end into a lost connection.
	 * @param lostReason why the connection was lost, or {@code null} if the server simply
	 * closed it
	 */
	synchronized void closed(String lostReason) {
		if (!this.closed) {
			this.closed = true;
			this.lostReason = lostReason;
			notifyAll();
		}
	}

	synchronized boolean isClosed() {
		return this.closed;
	}

	/**
	 * Waits a little for the connection to close, without being interrupted.
	 * @param timeout the longest wait
	 */
	synchronized void awaitClosed(Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		long remaining = timeout.toNanos();
		while (!this.closed && remaining > 0) {
			try {
				TimeUnit.NANOSECONDS.timedWait(this, remaining);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			remaining = deadline - System.nanoTime();
		}
	}

	/**
	 * Waits until the connection closes, or until input has ended and nothing has been
	 * sent or received for the quiet period; at most {@code cap} after input ended, so a
	 * server that never stops talking cannot hold the client.
	 * @param quiet how long the server must be quiet
	 * @param cap the longest wait after input ended
	 * @return why the connection was lost, if it was
	 * @throws InterruptedException if interrupted while waiting
	 */
	synchronized Optional<String> awaitEnd(Duration quiet, Duration cap) throws InterruptedException {
		while (!this.closed && !this.ended) {
			wait();
		}
		while (!this.closed) {
			long deadline = Math.min(this.lastActivity + quiet.toNanos(), this.inputEnded + cap.toNanos());
			long remaining = deadline - System.nanoTime();
			if (remaining <= 0) {
				break;
			}
			TimeUnit.NANOSECONDS.timedWait(this, remaining);
		}
		return Optional.ofNullable(this.lostReason);
	}

}
