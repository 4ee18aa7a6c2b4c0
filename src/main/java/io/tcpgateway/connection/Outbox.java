package io.tcpgateway.connection;

import java.io.ByteArrayOutputStream;
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

	private static final int MAX_CHUNK_BYTES = 16 * 1024;

	private static final byte[] LINE_END = { '\r', '\n' };

	private final ArrayDeque<byte[]> queue = new ArrayDeque<>(4);

	private long pendingBytes;

	private boolean draining;

	private boolean closed;

	private boolean held;

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
	 * Holds back replies from the connection's own reader thread while it processes a
	 * batch of lines, so that they go out together.
	 */
	public void hold() {
		this.lock.lock();
		this.held = true;
		this.lock.unlock();
	}

	/**
	 * Ends a {@link #hold()}, writing the replies held back; called on the reader thread.
	 */
	public void release() {
		boolean startDrain;
		this.lock.lock();
		try {
			this.held = false;
			startDrain = !this.draining && !this.queue.isEmpty();
			this.draining |= startDrain;
		}
		finally {
			this.lock.unlock();
		}
		if (startDrain) {
			drain();
		}
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
			boolean holding = this.held && inline && close == null && this.pendingBytes < MAX_CHUNK_BYTES;
			startDrain = !overflow && !this.draining && !holding;
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
			byte[] chunk;
			int lines;
			CloseReason close = null;
			this.lock.lock();
			try {
				lines = Math.min(this.queue.size(), linesInNextChunk());
				chunk = (lines > 0) ? takeChunk(lines) : null;
				if (chunk == null) {
					this.draining = false;
					close = this.closeWhenDrained;
					this.closed |= close != null;
				}
			}
			finally {
				this.lock.unlock();
			}
			if (chunk == null) {
				if (close != null) {
					this.transport.close(close);
				}
				return;
			}
			if (!this.transport.write(chunk, lines)) {
				discard();
				return;
			}
		}
	}

	private int linesInNextChunk() {
		int lines = 0;
		int bytes = 0;
		for (byte[] line : this.queue) {
			if (lines > 0 && bytes + line.length > MAX_CHUNK_BYTES) {
				break;
			}
			bytes += line.length + LINE_END.length;
			lines++;
		}
		return lines;
	}

	/** Joins queued lines with CRLF; the serializer ends the last one. */
	private byte[] takeChunk(int lines) {
		byte[] first = this.queue.poll();
		this.pendingBytes -= first.length;
		if (lines == 1) {
			return first;
		}
		ByteArrayOutputStream chunk = new ByteArrayOutputStream(MAX_CHUNK_BYTES);
		chunk.writeBytes(first);
		for (int i = 1; i < lines; i++) {
			byte[] line = this.queue.poll();
			this.pendingBytes -= line.length;
			chunk.writeBytes(LINE_END);
			chunk.writeBytes(line);
		}
		return chunk.toByteArray();
	}

	private static byte[] encode(String line) {
		return line.getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * Where an outbox writes: one connection's socket.
	 */
	public interface Transport {

		/**
		 * Writes one or more lines, joined by CRLF, and a last line ending; may block
		 * while the socket is full.
		 * @param chunk the encoded lines
		 * @param lines how many lines the chunk holds
		 * @return {@code false} if the connection is gone
		 */
		boolean write(byte[] chunk, int lines);

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
