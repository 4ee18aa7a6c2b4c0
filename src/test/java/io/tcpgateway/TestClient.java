package io.tcpgateway;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A blocking line client over a real loopback socket, for tests; every read has a timeout
 * so a missing reply fails the test instead of hanging it.
 */
public final class TestClient implements AutoCloseable {

	/** The default greeting. */
	public static final String GREETING = "Mensagem do servidor!";

	private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

	private final Socket socket;

	private final InputStream in;

	private final OutputStream out;

	private TestClient(Socket socket) throws IOException {
		this.socket = socket;
		this.socket.setSoTimeout((int) READ_TIMEOUT.toMillis());
		this.in = socket.getInputStream();
		this.out = socket.getOutputStream();
	}

	/**
	 * Wraps a socket that is already connected, such as a TLS socket or one bound to
	 * another source address.
	 * @param socket the connected socket
	 * @return the client
	 * @throws IOException if the socket fails
	 */
	public static TestClient over(Socket socket) throws IOException {
		return new TestClient(socket);
	}

	public static TestClient connect(int port) throws IOException {
		return new TestClient(new Socket("127.0.0.1", port));
	}

	/**
	 * Connects with a small receive buffer, like a client on a slow link that stops
	 * reading.
	 * @param port the TCP port
	 * @param receiveBuffer the socket receive buffer size, set before connecting
	 * @return the client, greeted
	 * @throws IOException if the connection fails
	 */
	public static TestClient greetedWithReceiveBuffer(int port, int receiveBuffer) throws IOException {
		Socket socket = new Socket();
		socket.setReceiveBufferSize(receiveBuffer);
		socket.connect(new InetSocketAddress("127.0.0.1", port));
		TestClient client = new TestClient(socket);
		client.readLine();
		return client;
	}

	/**
	 * Connects and reads the greeting line.
	 * @param port the TCP port
	 * @return the client, greeted
	 * @throws IOException if the connection fails
	 */
	public static TestClient greeted(int port) throws IOException {
		TestClient client = connect(port);
		client.readLine();
		return client;
	}

	public TestClient send(String... lines) throws IOException {
		StringBuilder text = new StringBuilder();
		for (String line : lines) {
			text.append(line).append("\r\n");
		}
		return sendRaw(text.toString().getBytes(StandardCharsets.UTF_8));
	}

	public TestClient sendRaw(byte[] bytes) throws IOException {
		this.out.write(bytes);
		this.out.flush();
		return this;
	}

	/**
	 * Reads one CRLF-terminated line.
	 * @return the line without its ending, or {@code null} at the end of the stream
	 * @throws IOException if the read fails or times out
	 */
	public String readLine() throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		int b;
		while ((b = this.in.read()) != '\n') {
			if (b < 0) {
				return (line.size() == 0) ? null : line.toString(StandardCharsets.UTF_8);
			}
			line.write(b);
		}
		String text = line.toString(StandardCharsets.UTF_8);
		if (!text.endsWith("\r")) {
			throw new IOException("line not ended by CRLF: " + text);
		}
		return text.substring(0, text.length() - 1);
	}

	/**
	 * Reads until the server closes the connection.
	 * @return {@code true} if the server closed it within the read timeout
	 * @throws IOException if the read fails
	 */
	public boolean awaitClose() throws IOException {
		try {
			while (this.in.read() >= 0) {
				// drain what is left
			}
			return true;
		}
		catch (SocketTimeoutException ex) {
			return false;
		}
	}

	/**
	 * Sends FIN: the client will write no more but still reads.
	 * @throws IOException if the socket fails
	 */
	public void halfClose() throws IOException {
		this.socket.shutdownOutput();
	}

	/**
	 * Sends a line and reads one back.
	 * @param line the line to send
	 * @return the reply
	 * @throws IOException if the connection fails
	 */
	public String exchange(String line) throws IOException {
		send(line);
		return readLine();
	}

	/**
	 * The client's own port, which the server reports as the connection's remote port.
	 * @return the local port
	 */
	public int localPort() {
		return this.socket.getLocalPort();
	}

	public Socket socket() {
		return this.socket;
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
	}

}
