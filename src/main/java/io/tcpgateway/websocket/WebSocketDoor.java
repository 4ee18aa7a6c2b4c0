package io.tcpgateway.websocket;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;

import io.tcpgateway.connection.Doorkeeper;
import io.tcpgateway.connection.Peer;

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

	/** Tomcat's time limit for one blocking write, read from the session's properties. */
	static final String SEND_TIMEOUT_PROPERTY = "org.apache.tomcat.websocket.BLOCKING_SEND_TIMEOUT";

	private final Doorkeeper doorkeeper;

	private final Settings settings;

	private final Executor writer;

	private final Map<String, Browser> browsers = new ConcurrentHashMap<>();

	private final AtomicLong ids = new AtomicLong();

	WebSocketDoor(Doorkeeper doorkeeper, Settings settings, Executor writer) {
		this.doorkeeper = doorkeeper;
		this.settings = settings;
		this.writer = writer;
	}

	@Override
	public void afterConnectionEstablished(WebSocketSession session) {
		if (session instanceof NativeWebSocketSession nativeSession) {
			jakarta.websocket.Session container = nativeSession.getNativeSession(jakarta.websocket.Session.class);
			if (container != null) {
				container.getUserProperties().put(SEND_TIMEOUT_PROPERTY, this.settings.sendTimeLimit().toMillis());
			}
		}
		Peer peer = peer(session);
		String id = peer.remote() + ":ws-" + this.ids.incrementAndGet();
		WebSocketOutput output = new WebSocketOutput(session, this.writer, this.settings.maxPendingOutput(),
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
		}
		try {
			session.close(CloseStatus.SERVER_ERROR);
		}
		catch (IOException | RuntimeException ex) {
			// closed already; its close callback follows
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
	 * @param sendTimeLimit the longest one line may take to be written
	 */
	record Settings(int maxLineLength, Duration idleTimeout, long maxPendingOutput, Duration sendTimeLimit) {

	}

}
