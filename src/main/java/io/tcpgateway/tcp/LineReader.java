package io.tcpgateway.tcp;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

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
	 * Whether a thread is this connection's reader, which flushes held-back replies
	 * before it next blocks on a read, so a reply it writes now can wait until then.
	 * @param thread the thread
	 * @return {@code true} for the reader thread
	 */
	boolean isReaderThread(Thread thread) {
		return thread == this.readingThread;
	}

	/**
	 * When bytes last arrived, for the idle timeout.
	 * @return the time in epoch milliseconds
	 */
	long lastReadMillis() {
		return this.lastReadMillis;
	}

	/**
	 * Reads the next line, and with it every further line already buffered, so that a
	 * client that pipelines gets one message per read instead of one per line.
	 * @return the lines' bytes, each without its ending (LF, or CR LF)
	 * @throws LineTooLongException if the first line is longer than the limit; a later
	 * one ends the batch and is reported by the next call
	 * @throws SoftEndOfStreamException at the end of the stream; a partial line is
	 * dropped
	 * @throws IOException if the read fails
	 */
	List<byte[]> readLines() throws IOException {
		byte[] first = readLine();
		int lf = findLf();
		if (lf < 0 || lineLength(lf) > this.maxLineLength) {
			return List.of(first);
		}
		List<byte[]> lines = new ArrayList<>();
		lines.add(first);
		do {
			lines.add(take(lf));
			lf = findLf();
		}
		while (lf >= 0 && lineLength(lf) <= this.maxLineLength);
		return lines;
	}

	/**
	 * Reads the next line.
	 * @return the line's bytes, without its ending
	 * @throws LineTooLongException if the line is longer than the limit
	 * @throws SoftEndOfStreamException at the end of the stream; a partial line is
	 * dropped
	 * @throws IOException if the read fails
	 */
	byte[] readLine() throws IOException {
		this.readingThread = Thread.currentThread();
		while (true) {
			int lf = findLf();
			if (lf >= 0) {
				if (lineLength(lf) > this.maxLineLength) {
					throw new LineTooLongException(this.connectionId, this.maxLineLength);
				}
				return take(lf);
			}
			if (this.end - this.start > this.maxLineLength + 1) {
				throw new LineTooLongException(this.connectionId, this.maxLineLength);
			}
			fill();
		}
	}

	private int findLf() {
		for (int i = this.scanned; i < this.end; i++) {
			if (this.buffer[i] == '\n') {
				return i;
			}
		}
		this.scanned = this.end;
		return -1;
	}

	private int lineLength(int lf) {
		int length = lf - this.start;
		return (length > 0 && this.buffer[lf - 1] == '\r') ? length - 1 : length;
	}

	private byte[] take(int lf) {
		byte[] line = Arrays.copyOfRange(this.buffer, this.start, this.start + lineLength(lf));
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
