package io.tcpgateway.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Free loopback TCP ports for servers that a test starts as separate processes, and a
 * look at whether one is listening that opens no connection.
 */
public final class FreePorts {

	private static final String LISTEN = "0A";

	private FreePorts() {
	}

	/**
	 * Picks a TCP port that is free on 127.0.0.1 now; another process may still take it
	 * before the caller binds it.
	 * @return the port
	 */
	public static int loopback() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Tells whether some socket listens on a TCP port, from {@code /proc/net/tcp}, so
	 * that asking never reaches the server (a probe connection through a proxy would
	 * reach its backend).
	 * @param port the TCP port
	 * @return whether a socket is in the LISTEN state on it
	 */
	public static boolean isListening(int port) {
		String hexPort = String.format(Locale.ROOT, ":%04X", port);
		return listensIn(Path.of("/proc/net/tcp"), hexPort) || listensIn(Path.of("/proc/net/tcp6"), hexPort);
	}

	private static boolean listensIn(Path table, String hexPort) {
		if (!Files.isReadable(table)) {
			return false;
		}
		try {
			List<String> lines = Files.readAllLines(table);
			return lines.stream()
				.skip(1)
				.map((line) -> line.trim().split("\\s+"))
				.anyMatch((fields) -> fields.length > 3 && fields[1].endsWith(hexPort) && LISTEN.equals(fields[3]));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
