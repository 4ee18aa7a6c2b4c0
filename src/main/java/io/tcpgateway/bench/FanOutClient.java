package io.tcpgateway.bench;

import java.io.EOFException;
import java.io.IOException;
import java.net.ProtocolException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

/**
 * One greeted client socket of the chat or alarm fan-out: splits what it reads into lines
 * and keeps what it could not write yet in a bounded buffer.
 */
final class FanOutClient {

	// The gateway's default gateway.tcp.max-line-length; nothing it sends is longer.
	private static final int MAX_LINE = 8192;

	final int index;

	final SocketChannel channel;

	private final byte[] line = new byte[MAX_LINE];

	private int length;

	private final ByteBuffer out;

	/** The client's chat name once the server told it, as bytes. */
	byte[] name;

	FanOutClient(int index, SocketChannel channel, int outputCapacity) {
		this.index = index;
		this.channel = channel;
		this.out = ByteBuffer.allocate(outputCapacity);
	}

	/**
	 * Reads what is available and hands each complete line, without its CR and LF, to
	 * {@code lines}.
	 */
	void read(ByteBuffer buffer, long nanoTime, Lines lines) throws IOException {
		buffer.clear();
		if (this.channel.read(buffer) < 0) {
			throw new EOFException("server closed the connection");
		}
		buffer.flip();
		while (buffer.hasRemaining()) {
			byte b = buffer.get();
			if (b == '\n') {
				int end = (this.length > 0 && this.line[this.length - 1] == '\r') ? this.length - 1 : this.length;
				this.length = 0;
				lines.line(this, this.line, end, nanoTime);
			}
			else if (this.length == MAX_LINE) {
				throw new ProtocolException("line longer than " + MAX_LINE + " bytes");
			}
			else {
				this.line[this.length++] = b;
			}
		}
	}

	/**
	 * Whether {@code bytes} more fit in the output buffer.
	 */
	boolean fits(int bytes) {
		return this.out.remaining() >= bytes;
	}

	/**
	 * Queues {@code bytes} for writing; the caller flushes.
	 * @throws IOException if the output buffer is full: the server stopped reading
	 */
	void queue(byte[] bytes) throws IOException {
		if (!fits(bytes.length)) {
			throw new IOException("the server stopped reading: " + this.out.capacity() + " bytes wait to be sent");
		}
		this.out.put(bytes);
	}

	/**
	 * Writes what is queued and asks for a write event if some is left.
	 */
	void flush(SelectionKey key) throws IOException {
		this.out.flip();
		try {
			this.channel.write(this.out);
		}
		finally {
			this.out.compact();
		}
		key.interestOps(
				(this.out.position() == 0) ? SelectionKey.OP_READ : SelectionKey.OP_READ | SelectionKey.OP_WRITE);
	}

	/**
	 * Waits up to {@code timeoutMillis} for socket events and serves them: reads go to
	 * {@code lines}, pending output is written; a client that fails is closed and
	 * counted.
	 */
	static void poll(Selector selector, long timeoutMillis, ByteBuffer buffer, Lines lines, FailureReport errors)
			throws IOException {
		selector.select(Math.max(1, timeoutMillis));
		for (SelectionKey key : selector.selectedKeys()) {
			FanOutClient client = (FanOutClient) key.attachment();
			try {
				if (key.isReadable()) {
					client.read(buffer, System.nanoTime(), lines);
				}
				if (key.isValid() && key.isWritable()) {
					client.flush(key);
				}
			}
			catch (IOException ex) {
				errors.add("connection " + client.index + ": " + ex.getMessage());
				client.close();
			}
		}
		selector.selectedKeys().clear();
	}

	/**
	 * The start of a line as quoted text for an error message, control characters
	 * replaced.
	 */
	static String text(byte[] line, int length) {
		String text = new String(line, 0, Math.min(length, 80), StandardCharsets.UTF_8);
		return "'" + text.replaceAll("\\p{Cntrl}", "?") + ((length > 80) ? "...'" : "'");
	}

	void close() {
		try {
			this.channel.close();
		}
		catch (IOException ex) {
			// Closing is best effort: the run is over for this socket either way.
		}
	}

	/**
	 * Receives the lines a client reads.
	 */
	@FunctionalInterface
	interface Lines {

		void line(FanOutClient client, byte[] line, int length, long nanoTime) throws IOException;

	}

}
