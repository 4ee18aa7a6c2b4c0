package io.tcpgateway.websocket;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A WebSocket client that does the handshake by hand and then never reads, like a browser
 * tab that hangs: the JDK's client reads eagerly, so it cannot play this part.
 */
final class StalledBrowser implements AutoCloseable {

	private final Socket socket;

	private StalledBrowser(Socket socket) {
		this.socket = socket;
	}

	/**
	 * Opens the WebSocket, with a small receive buffer, and reads the handshake's answer.
	 * @param httpPort the HTTP port
	 * @return the client, open and never reading again
	 * @throws IOException if the handshake fails
	 */
	static StalledBrowser open(int httpPort) throws IOException {
		Socket socket = new Socket();
		try {
			socket.setReceiveBufferSize(4096);
			socket.connect(new InetSocketAddress("127.0.0.1", httpPort), 20_000);
			socket.setSoTimeout(20_000);
			OutputStream out = socket.getOutputStream();
			out.write(("GET /ws HTTP/1.1\r\nHost: 127.0.0.1:" + httpPort + "\r\nUpgrade: websocket\r\n"
					+ "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
					+ "Sec-WebSocket-Version: 13\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			String head = readHead(socket.getInputStream());
			if (!head.startsWith("HTTP/1.1 101")) {
				throw new IOException("handshake refused: " + head);
			}
			return new StalledBrowser(socket);
		}
		catch (IOException ex) {
			socket.close();
			throw ex;
		}
	}

	private static String readHead(InputStream in) throws IOException {
		StringBuilder head = new StringBuilder();
		while (!head.toString().endsWith("\r\n\r\n")) {
			int b = in.read();
			if (b < 0) {
				throw new IOException("closed during the handshake: " + head);
			}
			head.append((char) b);
		}
		return head.toString();
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
	}

}
