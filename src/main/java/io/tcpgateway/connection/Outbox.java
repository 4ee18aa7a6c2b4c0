package io.tcpgateway.connection;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

import org.jspecify.annotations.Nullable;

/**
 * The lines waiting to be written to one connection, bounded in bytes, written by one
 * thread at a time so that a client that stops reading blocks nobody else.
 *
 * <p>
 * The connection's own reader thread writes its replies inline when nothing is queued, so
 * a ping-pong reply costs no thread hand-off; if that write blocks, only that client's
 * reads wait, which is TCP back-pressure. Lines from any other thread are queued and
 * written by a task on the executor.
 */
public final class Outbox {

	private final Transport transport;

	private final Executor executor;

	private final long maxPendingBytes;

	private final Lock lock = new ReentrantLock();

	private final ArrayDeque<byte[]> queue = new ArrayDeque<>(4);

	private long pendingBytes;

	private boolean draining;

	private boolean closed;

	private @Nullable CloseReason closeWhenDrained;

	public Outbox(Transport transport, Executor executor, long maxPendingBytes) {
		this.transport = transport;
		this.executor = executor;
		this.maxPendingBytes = maxPendingBytes;
	}

	/**
	 * Sends a line from the connection's own reader thread.
	 * @param line the line, without its ending
	 */
	public void reply(String line) {
		offer(encode(line), null, true);
	}

	/**
	 * Sends a line from any thread without blocking.
	 * @param line the line, without its ending
	 */
	public void push(String line) {
		offer(encode(line), null, false);
	}

	/**
	 * Sends a last line, then closes the connection once everything before it is written.
	 * @param line the last line, or {@code null} for none
	 * @param reason why the connection closes
	 * @param inline whether the caller is the connection's own reader thread
	 */
	public void closeAfter(@Nullable String line, CloseReason reason, boolean inline) {
		offer((line != null) ? encode(line) : null, reason, inline);
	}

	/**
	 * Drops whatever is queued, because the connection is gone.
	 */
	public void discard() {
		this.lock.lock();
		try {
			this.closed = true;
			this.draining = false;
			this.queue.clear();
			this.pendingBytes = 0;
		}
		finally {
			this.lock.unlock();
		}
	}

	private void offer(byte @Nullable [] line, @Nullable CloseReason close, boolean inline) {
		boolean startDrain;
		boolean overflow = false;
		this.lock.lock();
		try {
			if (this.closed || this.closeWhenDrained != null) {
				return;
			}
			if (line != null && this.pendingBytes + line.length > this.maxPendingBytes) {
				overflow = true;
				this.closed = true;
				this.queue.clear();
				this.pendingBytes = 0;
			}
			else if (line != null) {
				this.queue.add(line);
				this.pendingBytes += line.length;
			}
			this.closeWhenDrained = close;
			startDrain = !overflow && !this.draining;
			this.draining |= startDrain;
		}
		finally {
			this.lock.unlock();
		}
		if (overflow) {
			this.transport.overflow();
		}
		else if (startDrain && inline) {
			drain();
		}
		else if (startDrain) {
			this.executor.execute(this::drain);
		}
	}

	private void drain() {
		while (true) {
			byte[] line;
			CloseReason close = null;
			this.lock.lock();
			try {
				line = this.queue.poll();
				if (line != null) {
					this.pendingBytes -= line.length;
				}
				else {
					this.draining = false;
					close = this.closeWhenDrained;
					this.closed |= close != null;
				}
			}
			finally {
				this.lock.unlock();
			}
			if (line == null) {
				if (close != null) {
					this.transport.close(close);
				}
				return;
			}
			if (!this.transport.write(line)) {
				discard();
				return;
			}
		}
	}

	private static byte[] encode(String line) {
		return line.getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * Where an outbox writes: one connection's socket.
	 */
	public interface Transport {

		/**
		 * Writes one line and its line ending; may block while the socket is full.
		 * @param line the encoded line
		 * @return {@code false} if the connection is gone
		 */
		boolean write(byte[] line);

		/**
		 * Closes the connection.
		 * @param reason why
		 */
		void close(CloseReason reason);

		/**
		 * Closes the connection because its client does not read fast enough.
		 */
		void overflow();

	}

}
