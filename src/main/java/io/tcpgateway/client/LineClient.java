package io.tcpgateway.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.integration.context.IntegrationObjectSupport;
import org.springframework.integration.ip.tcp.connection.DefaultTcpNetSSLSocketFactorySupport;
import org.springframework.integration.ip.tcp.connection.DefaultTcpSocketSupport;
import org.springframework.integration.ip.tcp.connection.TcpConnectionCloseEvent;
import org.springframework.integration.ip.tcp.connection.TcpConnectionExceptionEvent;
import org.springframework.integration.ip.tcp.inbound.TcpReceivingChannelAdapter;
import org.springframework.integration.ip.tcp.outbound.TcpSendingMessageHandler;
import org.springframework.integration.ip.tcp.serializer.ByteArrayLfSerializer;
import org.springframework.integration.ip.tcp.serializer.SoftEndOfStreamException;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessagingException;
import org.springframework.messaging.support.GenericMessage;

/**
 * A line client on Spring Integration: an outbound adapter sends lines and an inbound
 * adapter receives them, collaborating on one client connection factory, because the
 * server also sends lines that answer nothing.
 *
 * <p>
 * Built programmatically, without an application context, so that it starts fast.
 */
final class LineClient implements AutoCloseable {

	// The server's lines are at most its max-line-length (8 KiB by default) plus a
	// short prefix, such as a chat nick.
	private static final int MAX_LINE_BYTES = 64 * 1024;

	private static final int CONNECT_TIMEOUT_SECONDS = 10;

	private static final Duration DRAIN = Duration.ofSeconds(1);

	private final OneConnectionFactory factory;

	private final TcpSendingMessageHandler sender = new TcpSendingMessageHandler();

	private final TcpReceivingChannelAdapter receiver = new TcpReceivingChannelAdapter();

	private final Conversation conversation = new Conversation();

	private final Consumer<byte[]> lines;

	/**
	 * Creates a client; nothing connects until {@link #connect()}.
	 * @param host the server's host
	 * @param port the server's port
	 * @param lines receives each line from the server, without its ending
	 */
	LineClient(String host, int port, Consumer<byte[]> lines) {
		this(host, port, null, false, lines);
	}

	/**
	 * Creates a client; nothing connects until {@link #connect()}.
	 * @param host the server's host
	 * @param port the server's port
	 * @param tls the TLS context, or {@code null} for plain TCP
	 * @param verifyHost whether the server's certificate must name the host, over TLS
	 * @param lines receives each line from the server, without its ending
	 */
	LineClient(String host, int port, @Nullable SSLContext tls, boolean verifyHost, Consumer<byte[]> lines) {
		this.lines = lines;
		ByteArrayLfSerializer lf = new ByteArrayLfSerializer();
		lf.setMaxMessageSize(MAX_LINE_BYTES);
		this.factory = new OneConnectionFactory(host, port);
		this.factory.setDeserializer(lf);
		this.factory.setSerializer(lf);
		this.factory.setSoTcpNoDelay(true);
		this.factory.setConnectTimeout(CONNECT_TIMEOUT_SECONDS);
		this.factory.setApplicationEventPublisher(this::connectionEvent);
		if (tls != null) {
			this.factory.setTcpSocketFactorySupport(new DefaultTcpNetSSLSocketFactorySupport(() -> tls));
			this.factory.setTcpSocketSupport(new HandshakeFirst(verifyHost));
		}
		this.receiver.setConnectionFactory(this.factory);
		this.receiver.setOutputChannel(this::received);
		this.sender.setConnectionFactory(this.factory);
		// The components look up optional beans in a bean factory; finding none, they
		// take their defaults.
		BeanFactory noBeans = new StaticListableBeanFactory();
		for (IntegrationObjectSupport component : List.of(this.factory, this.receiver, this.sender)) {
			component.setBeanFactory(noBeans);
			component.afterPropertiesSet();
		}
	}

	/**
	 * Opens the connection, so the server's greeting arrives before anything is sent.
	 * @throws IOException if the server cannot be reached
	 * @throws InterruptedException if interrupted while connecting
	 */
	void connect() throws IOException, InterruptedException {
		this.receiver.start();
		this.sender.start();
		try {
			this.factory.getConnection();
		}
		catch (UncheckedIOException ex) {
			throw ex.getCause();
		}
	}

	/**
	 * Sends a line, unless the connection has closed.
	 * @param line the line, without its ending
	 * @return whether it was sent; {@code false} means there is no point sending more
	 */
	boolean send(String line) {
		if (this.conversation.isClosed()) {
			return false;
		}
		try {
			this.sender.handleMessage(new GenericMessage<>(line));
			this.conversation.activity();
			return true;
		}
		catch (MessagingException ex) {
			this.conversation.closed(Reason.of(ex));
			return false;
		}
	}

	void inputEnded() {
		this.conversation.inputEnded();
	}

	Optional<String> awaitEnd(Duration quiet, Duration cap) throws InterruptedException {
		return this.conversation.awaitEnd(quiet, cap);
	}

	@Override
	public void close() {
		// Ends the conversation first, so closing our own socket is no failure.
		this.conversation.closed(null);
		this.sender.stop();
		this.receiver.stop();
	}

	private boolean received(Message<?> message, long timeout) {
		byte[] line = (byte[]) message.getPayload();
		int length = line.length;
		// The server ends lines with CRLF, and the LF deserializer keeps the CR.
		if (length > 0 && line[length - 1] == '\r') {
			length--;
		}
		this.lines.accept((length < line.length) ? Arrays.copyOf(line, length) : line);
		this.conversation.activity();
		return true;
	}

	private void connectionEvent(Object event) {
		if (event instanceof TcpConnectionExceptionEvent failure) {
			Throwable cause = failure.getCause();
			if (cause instanceof MessagingException) {
				// A failed send closes the socket right after this event. The server may
				// have hung up with lines still unread, so let the reader take them
				// first.
				this.conversation.awaitClosed(DRAIN);
			}
			if (!endOfStream(cause)) {
				this.conversation.closed(Reason.of(cause));
			}
		}
		else if (event instanceof TcpConnectionCloseEvent) {
			this.conversation.closed(null);
		}
	}

	/**
	 * Completes the TLS handshake as part of connecting, so that a certificate the client
	 * does not trust is a failure to connect rather than a lost connection.
	 */
	private static final class HandshakeFirst extends DefaultTcpSocketSupport {

		HandshakeFirst(boolean verifyHost) {
			super(verifyHost);
		}

		@Override
		public void postProcessSocket(Socket socket) {
			super.postProcessSocket(socket);
			if (socket instanceof SSLSocket tls) {
				try {
					tls.startHandshake();
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			}
		}

	}

	// The server hanging up arrives as an exception too, wrapped, and is a normal end.
	private static boolean endOfStream(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof SoftEndOfStreamException) {
				return true;
			}
		}
		return false;
	}

}
