package io.tcpgateway.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Idle runs with {@code --sources} against a greeting-only server that notes where each
 * connection comes from.
 */
class BenchSourcesIntegrationTests {

	private final List<Socket> accepted = new CopyOnWriteArrayList<>();

	private ServerSocket server;

	@AfterEach
	void closeServer() throws IOException {
		for (Socket socket : this.accepted) {
			socket.close();
		}
		if (this.server != null) {
			this.server.close();
		}
	}

	@Test
	void bindsConnectionsToEachSourceAddressInTurn() throws IOException {
		this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		Thread acceptor = new Thread(this::greetEachConnection, "greeter");
		acceptor.setDaemon(true);
		acceptor.start();
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int exit = BenchCommand.run(
				new String[] { "--host=127.0.0.1", "--port=" + this.server.getLocalPort(), "--idle", "--connections=4",
						"--hold=100ms", "--sources=2" },
				new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
		assertThat(exit).as("exit code; stderr: %s", err).isZero();
		assertThat(this.accepted).extracting((socket) -> socket.getInetAddress().getHostAddress())
			.containsExactlyInAnyOrder("127.0.0.1", "127.0.0.2", "127.0.0.1", "127.0.0.2");
	}

	// The bench counts a connection as open once its greeting line has arrived.
	private void greetEachConnection() {
		try {
			while (true) {
				Socket socket = this.server.accept();
				this.accepted.add(socket);
				socket.getOutputStream().write("hello\r\n".getBytes(StandardCharsets.US_ASCII));
			}
		}
		catch (IOException ex) {
			// The server socket was closed: the test is over.
		}
	}

}
