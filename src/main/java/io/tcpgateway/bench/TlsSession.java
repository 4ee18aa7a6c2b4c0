package io.tcpgateway.bench;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;

import io.netty.handler.ssl.util.InsecureTrustManagerFactory;

/**
 * The TLS layer of one bench connection: a JDK {@link SSLEngine} between the line tracker
 * and the non-blocking socket; it trusts any server certificate, since it measures and
 * does not protect.
 */
final class TlsSession {

	private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

	private final SSLEngine engine;

	// Bytes read from the socket and not yet unwrapped, in write mode.
	private final ByteBuffer netIn;

	// Bytes wrapped and not yet written to the socket, in read mode.
	private final ByteBuffer netOut;

	TlsSession(SSLContext context, String host, int port) {
		this.engine = context.createSSLEngine(host, port);
		this.engine.setUseClientMode(true);
		int packet = this.engine.getSession().getPacketBufferSize();
		this.netIn = ByteBuffer.allocate(packet);
		this.netOut = ByteBuffer.allocate(packet).flip();
	}

	static SSLContext trustingAnyCertificate() throws IOException {
		try {
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(null, InsecureTrustManagerFactory.INSTANCE.getTrustManagers(), null);
			return context;
		}
		catch (Exception ex) {
			throw new IOException("cannot set up TLS: " + ex, ex);
		}
	}

	/**
	 * Starts the handshake once the socket is connected: sends the ClientHello.
	 */
	void begin(SocketChannel channel) throws IOException {
		this.engine.beginHandshake();
		handshake(channel);
	}

	/**
	 * Reads what the socket has, unwraps it and hands each piece of plaintext to
	 * {@code consumer}, answering the handshake on the way.
	 * @return the sum of what {@code consumer} returned
	 */
	int read(SocketChannel channel, ByteBuffer plain, Reader consumer) throws IOException {
		if (channel.read(this.netIn) < 0) {
			throw new EOFException("server closed the connection");
		}
		this.netIn.flip();
		int total = 0;
		try {
			while (this.netIn.hasRemaining()) {
				plain.clear();
				SSLEngineResult result = this.engine.unwrap(this.netIn, plain);
				plain.flip();
				if (plain.hasRemaining()) {
					total += consumer.read(plain);
				}
				if (result.getStatus() == SSLEngineResult.Status.CLOSED) {
					throw new EOFException("server closed the TLS session");
				}
				if (result.getStatus() != SSLEngineResult.Status.OK) {
					break;
				}
				handshake(channel);
				if (result.bytesConsumed() == 0 && result.bytesProduced() == 0) {
					break;
				}
			}
		}
		finally {
			this.netIn.compact();
		}
		return total;
	}

	/**
	 * Wraps and writes as much of {@code plain} as the socket takes.
	 */
	void write(SocketChannel channel, ByteBuffer plain) throws IOException {
		writePending(channel);
		while (plain.hasRemaining() && !this.netOut.hasRemaining()) {
			wrap(plain);
			writePending(channel);
		}
	}

	/**
	 * Whether every wrapped byte has gone to the socket.
	 */
	boolean drained() {
		return !this.netOut.hasRemaining();
	}

	private void handshake(SocketChannel channel) throws IOException {
		while (true) {
			HandshakeStatus status = this.engine.getHandshakeStatus();
			if (status == HandshakeStatus.NEED_TASK) {
				for (Runnable task = this.engine.getDelegatedTask(); task != null; task = this.engine
					.getDelegatedTask()) {
					task.run();
				}
			}
			else if (status == HandshakeStatus.NEED_WRAP) {
				writePending(channel);
				if (this.netOut.hasRemaining() || wrap(EMPTY).bytesProduced() == 0) {
					return;
				}
				writePending(channel);
			}
			else {
				return;
			}
		}
	}

	private SSLEngineResult wrap(ByteBuffer plain) throws SSLException {
		this.netOut.compact();
		try {
			SSLEngineResult result = this.engine.wrap(plain, this.netOut);
			if (result.getStatus() == SSLEngineResult.Status.CLOSED) {
				throw new SSLException("TLS session closed");
			}
			return result;
		}
		finally {
			this.netOut.flip();
		}
	}

	private void writePending(SocketChannel channel) throws IOException {
		if (this.netOut.hasRemaining()) {
			channel.write(this.netOut);
		}
	}

	/**
	 * Takes plaintext that the server sent.
	 */
	@FunctionalInterface
	interface Reader {

		/**
		 * Reads the plaintext.
		 * @param plain the bytes, in read mode
		 * @return how many replies they completed
		 * @throws IOException if they are not what was expected
		 */
		int read(ByteBuffer plain) throws IOException;

	}

}
