package io.tcpgateway.bench;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

import javax.net.ssl.SSLContext;

import org.jspecify.annotations.Nullable;

/**
 * One client socket with its pending output and {@link LineTracker}, over TLS when the
 * run asks for it.
 */
final class LoadSocket {

	final int id;

	final SocketChannel channel;

	final LineTracker tracker;

	private final byte[] line;

	// Holds at most a full pipeline, since no more lines than that are ever in flight.
	private final ByteBuffer out;

	private final @Nullable TlsSession tls;

	LoadSocket(int id, BenchOptions options, LatencyHistogram latencies, @Nullable SSLContext tls) throws IOException {
		this.id = id;
		this.tls = (tls != null) ? new TlsSession(tls, options.host(), options.port()) : null;
		this.channel = SocketChannel.open();
		this.tracker = new LineTracker(id, options.size(), options.pipeline(), latencies);
		this.line = new byte[options.size()];
		this.out = ByteBuffer.allocate(options.size() * options.pipeline());
	}

	/**
	 * Reads what is available and returns the number of replies completed.
	 */
	int read(ByteBuffer buffer, long nanoTime) throws IOException {
		if (this.tls != null) {
			return this.tls.read(this.channel, buffer, (plain) -> this.tracker.consume(plain, nanoTime));
		}
		buffer.clear();
		if (this.channel.read(buffer) < 0) {
			throw new EOFException("server closed the connection");
		}
		buffer.flip();
		return this.tracker.consume(buffer, nanoTime);
	}

	/**
	 * Queues {@code count} more lines and writes; returns whether all output was written.
	 */
	boolean send(int count, long nanoTime) throws IOException {
		for (int i = 0; i < count; i++) {
			this.tracker.next(this.line, nanoTime);
			this.out.put(this.line);
		}
		return flush();
	}

	boolean flush() throws IOException {
		this.out.flip();
		try {
			if (this.tls != null) {
				this.tls.write(this.channel, this.out);
			}
			else {
				this.channel.write(this.out);
			}
		}
		finally {
			this.out.compact();
		}
		return this.out.position() == 0 && (this.tls == null || this.tls.drained());
	}

	/**
	 * Called once the socket is connected: starts the TLS handshake, if any.
	 */
	void connected() throws IOException {
		if (this.tls != null) {
			this.tls.begin(this.channel);
		}
	}

	void close() {
		try {
			this.channel.close();
		}
		catch (IOException ex) {
			// Closing is best effort: the run is over for this socket either way.
		}
	}

}
