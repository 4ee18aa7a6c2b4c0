package io.tcpgateway.tcp;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

import org.jspecify.annotations.Nullable;

import org.springframework.integration.ip.tcp.serializer.SoftEndOfStreamException;

/**
 * The framing of one connection's input: buffered reads, lines ended by LF with an
 * optional CR, telnet negotiation removed, and a bound on line length.
 *
 * <p>
 * The buffer starts small so that idle connections cost little, and grows only while a
 * single line does not fit, up to the line limit.
 */
final class LineReader extends InputStream {

	private static final int INITIAL_BUFFER = 1024;

	private final InputStream in;

	private final String connectionId;

	private final int maxLineLength;

	private final TelnetFilter telnet = new TelnetFilter();

	private final Runnable beforeBlockingRead;

	private @Nullable Thread readingThread;

	private volatile long lastReadMillis = System.currentTimeMillis();

	private byte[] buffer = new byte[INITIAL_BUFFER];

	private int start;

	private int end;

	private int scanned;

	LineReader(InputStream in, String connectionId, int maxLineLength, Runnable beforeBlockingRead) {
		this.in = in;
		this.connectionId = connectionId;
		this.maxLineLength = maxLineLength;
		this.beforeBlockingRead = beforeBlockingRead;
	}

	/**
	 * Whether a thread is this connection's reader and has input left to process, so a
	 * reply it writes now can wait for the next read to be flushed.
	 * @param thread the thread
	 * @return {@code true} if more input is buffered for this reader thread
	 */
	boolean isReadingOn(Thread thread) {
		return thread == this.readingThread && this.start < this.end;
	}

	/**
	 * When bytes last arrived, for the idle timeout.
	 * @return the time in epoch milliseconds
	 */
	long lastReadMillis() {
		return this.lastReadMillis;
	}

	/**
	 * Reads the next line.
	 * @return the line's bytes, without its ending; a CR before the LF is kept out too
	 * @throws LineTooLongException if the line is longer than the limit
	 * @throws SoftEndOfStreamException at the end of the stream; a partial line is
	 * dropped
	 * @throws IOException if the read fails
	 */
	byte[] readLine() throws IOException {
		this.readingThread = Thread.currentThread();
		while (true) {
			for (int i = this.scanned; i < this.end; i++) {
				if (this.buffer[i] == '\n') {
					return take(i);
				}
			}
			this.scanned = this.end;
			if (this.end - this.start > this.maxLineLength + 1) {
				throw new LineTooLongException(this.connectionId, this.maxLineLength);
			}
			fill();
		}
	}

	private byte[] take(int lf) throws LineTooLongException {
		int length = lf - this.start;
		if (length > 0 && this.buffer[lf - 1] == '\r') {
			length--;
		}
		if (length > this.maxLineLength) {
			throw new LineTooLongException(this.connectionId, this.maxLineLength);
		}
		byte[] line = Arrays.copyOfRange(this.buffer, this.start, this.start + length);
		this.start = lf + 1;
		this.scanned = this.start;
		return line;
	}

	private void fill() throws IOException {
		if (this.start == this.end) {
			this.start = 0;
			this.end = 0;
			this.scanned = 0;
			if (this.buffer.length > INITIAL_BUFFER) {
				// a long line is done; idle connections go back to a small buffer
				this.buffer = new byte[INITIAL_BUFFER];
			}
		}
		else if (this.end == this.buffer.length) {
			makeRoom();
		}
		this.beforeBlockingRead.run();
		int read = this.in.read(this.buffer, this.end, this.buffer.length - this.end);
		if (read < 0) {
			throw new SoftEndOfStreamException("Stream closed between lines or in a line");
		}
		this.lastReadMillis = System.currentTimeMillis();
		this.end += this.telnet.filter(this.buffer, this.end, read);
	}

	private void makeRoom() {
		int pending = this.end - this.start;
		if (pending < this.buffer.length / 2) {
			System.arraycopy(this.buffer, this.start, this.buffer, 0, pending);
		}
		else {
			int size = Math.min(this.buffer.length * 2, this.maxLineLength + 2);
			byte[] bigger = new byte[Math.max(size, this.buffer.length)];
			System.arraycopy(this.buffer, this.start, bigger, 0, pending);
			this.buffer = bigger;
		}
		this.scanned -= this.start;
		this.start = 0;
		this.end = pending;
	}

	@Override
	public int read() throws IOException {
		if (this.start == this.end) {
			fill();
		}
		int value = this.buffer[this.start++] & 0xFF;
		this.scanned = Math.max(this.scanned, this.start);
		return value;
	}

	@Override
	public void close() throws IOException {
		this.in.close();
	}

}
