package io.tcpgateway.bench;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * One client socket with its pending output and {@link LineTracker}.
 */
final class Connection {

	final int id;

	final SocketChannel channel;

	final LineTracker tracker;

	private final byte[] line;

	// Holds at most a full pipeline, since no more lines than that are ever in flight.
	private final ByteBuffer out;

	Connection(int id, BenchOptions options, LatencyHistogram latencies) throws IOException {
		this.id = id;
		this.channel = SocketChannel.open();
		this.tracker = new LineTracker(id, options.size(), options.pipeline(), latencies);
		this.line = new byte[options.size()];
		this.out = ByteBuffer.allocate(options.size() * options.pipeline());
	}

	/**
	 * Reads what is available and returns the number of replies completed.
	 */
	int read(ByteBuffer buffer, long nanoTime) throws IOException {
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
			this.channel.write(this.out);
		}
		finally {
			this.out.compact();
		}
		return this.out.position() == 0;
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
