package io.tcpgateway.websocket;

import java.net.URI;
import java.nio.ByteBuffer;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A WebSocket client for tests, on the JDK's {@code java.net.http} client: each text
 * message from the gateway is one line; every wait has a timeout so that a missing line
 * fails the test instead of hanging it.
 */
public final class BrowserSocket implements AutoCloseable {

	static final Duration TIMEOUT = Duration.ofSeconds(20);

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private final BlockingQueue<String> messages = new LinkedBlockingQueue<>();

	private final CompletableFuture<Integer> closed = new CompletableFuture<>();

	private final WebSocket socket;

	private BrowserSocket(URI uri, Map<String, String> headers) {
		WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(TIMEOUT);
		headers.forEach(builder::header);
		this.socket = builder.buildAsync(uri, new Listener()).orTimeout(TIMEOUT.toSeconds(), TimeUnit.SECONDS).join();
	}

	static BrowserSocket connect(int httpPort) {
		return connect(httpPort, Map.of());
	}

	static BrowserSocket connect(int httpPort, Map<String, String> headers) {
		return new BrowserSocket(URI.create("ws://127.0.0.1:" + httpPort + "/ws"), headers);
	}

	/**
	 * Connects and reads the greeting.
	 * @param httpPort the HTTP port
	 * @return the client, greeted
	 */
	public static BrowserSocket greeted(int httpPort) {
		BrowserSocket socket = connect(httpPort);
		socket.next();
		return socket;
	}

	/**
	 * Sends one text message, which may hold several lines.
	 * @param text the message
	 * @return this client
	 */
	BrowserSocket send(String text) {
		this.socket.sendText(text, true).orTimeout(TIMEOUT.toSeconds(), TimeUnit.SECONDS).join();
		return this;
	}

	BrowserSocket sendBinary(byte[] bytes) {
		this.socket.sendBinary(ByteBuffer.wrap(bytes), true).orTimeout(TIMEOUT.toSeconds(), TimeUnit.SECONDS).join();
		return this;
	}

	/**
	 * The next message from the gateway.
	 * @return the message
	 */
	public String next() {
		try {
			String message = this.messages.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
			if (message == null) {
				throw new AssertionError("no message within " + TIMEOUT);
			}
			return message;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError(ex);
		}
	}

	String exchange(String line) {
		return send(line).next();
	}

	/**
	 * Waits for the gateway to close the connection.
	 * @return the close status code
	 */
	int awaitClose() {
		return this.closed.orTimeout(TIMEOUT.toSeconds(), TimeUnit.SECONDS).join();
	}

	boolean isClosed() {
		return this.closed.isDone();
	}

	@Override
	public void close() {
		this.socket.abort();
	}

	private final class Listener implements WebSocket.Listener {

		private final StringBuilder parts = new StringBuilder();

		@Override
		public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
			this.parts.append(data);
			if (last) {
				BrowserSocket.this.messages.add(this.parts.toString());
				this.parts.setLength(0);
			}
			webSocket.request(1);
			return null;
		}

		@Override
		public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
			BrowserSocket.this.closed.complete(statusCode);
			return null;
		}

		@Override
		public void onError(WebSocket webSocket, Throwable error) {
			BrowserSocket.this.closed.complete(-1);
		}

	}

}
