package io.tcpgateway.tcp;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * Collects the bytes of one or more lines and writes them to the socket in one system
 * call; it starts small and shrinks back after a burst, so idle connections cost little.
 */
final class ReplyBuffer extends OutputStream {

	private static final int INITIAL_SIZE = 256;

	private static final int KEEP_SIZE = 8192;

	private final OutputStream socket;

	private byte[] bytes = new byte[INITIAL_SIZE];

	private int count;

	ReplyBuffer(OutputStream socket) {
		this.socket = socket;
	}

	@Override
	public void write(int b) {
		ensure(1);
		this.bytes[this.count++] = (byte) b;
	}

	@Override
	public void write(byte[] b, int off, int len) {
		ensure(len);
		System.arraycopy(b, off, this.bytes, this.count, len);
		this.count += len;
	}

	@Override
	public void flush() throws IOException {
		if (this.count == 0) {
			return;
		}
		int length = this.count;
		this.count = 0;
		if (this.bytes.length > KEEP_SIZE) {
			byte[] burst = this.bytes;
			this.bytes = new byte[INITIAL_SIZE];
			this.socket.write(burst, 0, length);
		}
		else {
			this.socket.write(this.bytes, 0, length);
		}
	}

	private void ensure(int more) {
		if (this.count + more > this.bytes.length) {
			this.bytes = Arrays.copyOf(this.bytes, Math.max(this.bytes.length * 2, this.count + more));
		}
	}

}
