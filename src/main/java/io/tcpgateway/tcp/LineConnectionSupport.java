package io.tcpgateway.tcp;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.serializer.Serializer;
import org.springframework.integration.ip.tcp.connection.TcpNetConnection;
import org.springframework.integration.ip.tcp.connection.TcpNetConnectionSupport;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessagingException;

/**
 * Creates Spring Integration connections tuned for lines: input is read through a
 * {@link LineReader}, and replies written by the connection's reader thread are flushed
 * together, just before it would block on the next read.
 *
 * <p>
 * Spring Integration's {@code TcpNetConnection} reads the socket unbuffered, a system
 * call per byte for a line deserializer, and flushes each message, a system call per
 * line; for a client that pipelines 16 lines that is 16 writes where one will do.
 */
final class LineConnectionSupport implements TcpNetConnectionSupport {

	private final int maxLineLength;

	LineConnectionSupport(int maxLineLength) {
		this.maxLineLength = maxLineLength;
	}

	@Override
	public TcpNetConnection createNewConnection(Socket socket, boolean server, boolean lookupHost,
			@Nullable ApplicationEventPublisher applicationEventPublisher, @Nullable String connectionFactoryName) {
		return new LineConnection(socket, server, lookupHost, applicationEventPublisher, connectionFactoryName,
				this.maxLineLength);
	}

	/**
	 * A Spring Integration connection that reads and writes lines efficiently.
	 */
	static final class LineConnection extends TcpNetConnection {

		private final Socket socket;

		private final int maxLineLength;

		private final Lock writeLock = new ReentrantLock();

		private @Nullable LineReader reader;

		private @Nullable ReplyBuffer output;

		private final long openedMillis = System.currentTimeMillis();

		LineConnection(Socket socket, boolean server, boolean lookupHost, @Nullable ApplicationEventPublisher publisher,
				@Nullable String factoryName, int maxLineLength) {
			super(socket, server, lookupHost, publisher, factoryName);
			this.socket = socket;
			this.maxLineLength = maxLineLength;
		}

		@Override
		protected InputStream inputStream() throws IOException {
			LineReader lines = this.reader;
			if (lines == null) {
				lines = new LineReader(super.inputStream(), getConnectionId(), this.maxLineLength,
						this::flushBeforeRead);
				this.reader = lines;
			}
			return lines;
		}

		/**
		 * When the client last sent bytes, or connected if it has sent none.
		 * @return the time in epoch milliseconds
		 */
		long lastReadMillis() {
			LineReader lines = this.reader;
			return (lines != null) ? lines.lastReadMillis() : this.openedMillis;
		}

		@Override
		@SuppressWarnings("unchecked")
		public void send(Message<?> message) {
			this.writeLock.lock();
			try {
				ReplyBuffer out = this.output;
				if (out == null) {
					out = new ReplyBuffer(this.socket.getOutputStream());
					this.output = out;
				}
				((Serializer<Object>) getSerializer()).serialize(getMapper().fromMessage(message), out);
				LineReader lines = this.reader;
				if (lines == null || !lines.isReaderThread(Thread.currentThread())) {
					out.flush();
				}
			}
			catch (Exception ex) {
				MessagingException failure = new MessagingException(message, "Send Failed", ex);
				publishConnectionExceptionEvent(failure);
				closeConnection(true);
				throw failure;
			}
			finally {
				this.writeLock.unlock();
			}
		}

		@Override
		public void close() {
			flushBeforeRead();
			super.close();
		}

		/**
		 * Writes replies held back for a batch; if another thread is writing, it flushes
		 * them with its own, so never wait for it.
		 */
		private void flushBeforeRead() {
			if (this.output == null || !this.writeLock.tryLock()) {
				return;
			}
			try {
				this.output.flush();
			}
			catch (IOException ex) {
				// the read that follows, or the close, reports the broken socket
			}
			finally {
				this.writeLock.unlock();
			}
		}

	}

}
