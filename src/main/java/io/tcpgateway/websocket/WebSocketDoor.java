package io.tcpgateway.websocket;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.tcpgateway.connection.Doorkeeper;
import io.tcpgateway.connection.Peer;

import jakarta.websocket.RemoteEndpoint;

import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.NativeWebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;

/**
 * The WebSocket door: each browser session is a connection like a TCP one, admitted, fed
 * its lines and closed by the doorkeeper.
 *
 * <p>
 * The container calls back for one session on one thread at a time, in order, which is
 * what the doorkeeper expects; lines to the browser go through its
 * {@link WebSocketOutput}.
 */
final class WebSocketDoor extends TextWebSocketHandler {

	static final String TRANSPORT = "websocket";

	static final CloseStatus BINARY_REFUSED = CloseStatus.NOT_ACCEPTABLE.withReason("Binary messages not supported");

	/**
	 * Tomcat's time limit for a blocking write, read from the session's properties. Lines
	 * go out asynchronously, so it bounds only the frame of a normal close (and a pong).
	 */
	static final String CLOSE_TIMEOUT_PROPERTY = "org.apache.tomcat.websocket.BLOCKING_SEND_TIMEOUT";

	/** The same for the frame of any other close, such as a slow consumer's. */
	static final String ABNORMAL_CLOSE_TIMEOUT_PROPERTY = "org.apache.tomcat.websocket.ABNORMAL_SESSION_CLOSE_SEND_TIMEOUT";

	/**
	 * How long a normal close may wait to write its frame before it drops the connection:
	 * the closer's threads are few, and a browser that does not read never takes it.
	 */
	static final Duration CLOSE_FRAME_TIME_LIMIT = Duration.ofSeconds(1);

	/**
	 * The same for a slow consumer, whose frame waits behind a line that is not going
	 * out: short, so that the closer gets through hundreds of stalled browsers in a few
	 * seconds.
	 */
	static final Duration SLOW_CLOSE_FRAME_TIME_LIMIT = Duration.ofMillis(20);

	private final Doorkeeper doorkeeper;

	private final Settings settings;

	private final WebSocketOutput.Workers workers;

	private final Map<String, Browser> browsers = new ConcurrentHashMap<>();

	private final AtomicLong ids = new AtomicLong();

	WebSocketDoor(Doorkeeper doorkeeper, Settings settings, WebSocketOutput.Workers workers) {
		this.doorkeeper = doorkeeper;
		this.settings = settings;
		this.workers = workers;
	}

	@Override
	public void afterConnectionEstablished(WebSocketSession session) {
		jakarta.websocket.Session container = containerSession(session);
		Map<String, Object> properties = container.getUserProperties();
		properties.put(CLOSE_TIMEOUT_PROPERTY, CLOSE_FRAME_TIME_LIMIT.toMillis());
		properties.put(ABNORMAL_CLOSE_TIMEOUT_PROPERTY, SLOW_CLOSE_FRAME_TIME_LIMIT.toMillis());
		// No send timeout of Tomcat's: at its expiry its poller hands every stalled
		// browser to the container's pool at once, which then grows to its maximum. The
		// door's timer enforces the send time limit instead (closeStalled).
		RemoteEndpoint.Async remote = container.getAsyncRemote();
		Peer peer = peer(session);
		String id = peer.remote() + ":ws-" + this.ids.incrementAndGet();
		WebSocketOutput output = new WebSocketOutput(session, remote, this.workers, this.settings,
				() -> this.doorkeeper.slowConsumer(id));
		this.browsers.put(session.getId(), new Browser(id, output, new MessageLines(this.settings.maxLineLength())));
		output.admitting();
		try {
			this.doorkeeper.admit(id, peer, output);
		}
		finally {
			output.admitted();
		}
	}

	private static jakarta.websocket.Session containerSession(WebSocketSession session) {
		jakarta.websocket.Session container = (session instanceof NativeWebSocketSession nativeSession)
				? nativeSession.getNativeSession(jakarta.websocket.Session.class) : null;
		if (container == null) {
			throw new IllegalStateException("The WebSocket door needs a jakarta.websocket container");
		}
		return container;
	}

	@Override
	protected void handleTextMessage(WebSocketSession session, TextMessage message) {
		Browser browser = this.browsers.get(session.getId());
		if (browser == null) {
			return;
		}
		MessageLines.Batch batch = browser.lines.feed(message.getPayload(), message.isLast());
		if (!batch.lines().isEmpty()) {
			this.doorkeeper.lines(browser.id, batch.lines(), batch.bytes());
		}
		if (batch.tooLong()) {
			this.doorkeeper.lineTooLong(browser.id);
		}
	}

	@Override
	public void handleTransportError(WebSocketSession session, Throwable exception) {
		Browser browser = this.browsers.get(session.getId());
		if (browser != null) {
			this.doorkeeper.failed(browser.id, exception);
			browser.output.close(CloseStatus.SERVER_ERROR);
		}
	}

	/**
	 * Closes a browser that sends binary, once the lines on their way to it are sent.
	 */
	@Override
	protected void handleBinaryMessage(WebSocketSession session, BinaryMessage message) {
		Browser browser = this.browsers.get(session.getId());
		if (browser != null) {
			browser.output.closeAfterSent(BINARY_REFUSED);
		}
		else {
			super.handleBinaryMessage(session, message);
		}
	}

	@Override
	public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
		Browser browser = this.browsers.remove(session.getId());
		if (browser != null) {
			browser.output.closed();
			this.doorkeeper.closed(browser.id);
		}
	}

	@Override
	public boolean supportsPartialMessages() {
		return true;
	}

	/**
	 * Closes as slow consumers the browsers whose line has been sending for longer than
	 * the send time limit; their closes queue for the closer, a few at a time.
	 */
	void closeStalled() {
		long now = System.nanoTime();
		for (Browser browser : this.browsers.values()) {
			browser.output.checkSendTime(now);
		}
	}

	/**
	 * The browser's address as the handshake saw it: the socket's, or the one a trusted
	 * proxy forwarded when {@code server.forward-headers-strategy} says to honour it.
	 */
	private static Peer peer(WebSocketSession session) {
		InetSocketAddress remote = session.getRemoteAddress();
		if (remote == null) {
			return new Peer(TRANSPORT, "unknown", 0, null);
		}
		String address = (remote.getAddress() != null) ? remote.getAddress().getHostAddress() : remote.getHostString();
		return new Peer(TRANSPORT, address, remote.getPort(), null);
	}

	/**
	 * What the door keeps for one open session.
	 */
	private static final class Browser {

		final String id;

		final WebSocketOutput output;

		final MessageLines lines;

		Browser(String id, WebSocketOutput output, MessageLines lines) {
			this.id = id;
			this.output = output;
			this.lines = lines;
		}

	}

	/**
	 * The limits of the door, the same as the TCP door's.
	 *
	 * @param maxLineLength the longest line, in UTF-8 bytes
	 * @param idleTimeout how long a browser may send nothing; zero means never
	 * @param maxPendingOutput the most output queued for one browser
	 * @param sendTimeLimit the longest one line may take to be sent
	 */
	record Settings(int maxLineLength, Duration idleTimeout, long maxPendingOutput, Duration sendTimeLimit) {

	}

}
