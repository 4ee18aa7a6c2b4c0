package io.tcpgateway.admin;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client of the TCP server on a real socket, connected once it has read its greeting.
 */
final class TcpClient implements AutoCloseable {

	static final String GREETING = "Mensagem do servidor!";

	// Long enough for a loaded build machine, short enough that a missing line fails the
	// test instead of hanging it.
	private static final int READ_TIMEOUT_MILLIS = 10_000;

	private final Socket socket;

	private final BufferedReader in;

	private final OutputStream out;

	private TcpClient(Socket socket) throws IOException {
		this.socket = socket;
		this.in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
		this.out = socket.getOutputStream();
	}

	static TcpClient connect(int port) throws IOException {
		Socket socket = new Socket("127.0.0.1", port);
		socket.setSoTimeout(READ_TIMEOUT_MILLIS);
		TcpClient client = new TcpClient(socket);
		assertThat(client.readLine()).isEqualTo(GREETING);
		return client;
	}

	/**
	 * The client's own port, which the server reports as the connection's remote port.
	 * @return the local port
	 */
	int port() {
		return this.socket.getLocalPort();
	}

	void send(String line) throws IOException {
		this.out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
		this.out.flush();
	}

	String readLine() throws IOException {
		return this.in.readLine();
	}

	/**
	 * Sends a line and reads one back.
	 * @param line the line to send
	 * @return the reply
	 * @throws IOException if the connection fails
	 */
	String exchange(String line) throws IOException {
		send(line);
		return readLine();
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
	}

}
