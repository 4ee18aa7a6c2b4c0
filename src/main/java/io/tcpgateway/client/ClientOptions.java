package io.tcpgateway.client;

import java.util.ArrayList;
import java.util.List;

/**
 * The client's command line: where to connect, and the lines to send (none means read
 * them from stdin).
 *
 * @param host the host to connect to
 * @param port the TCP port to connect to
 * @param lines the lines to send, in order
 * @param help whether the usage was asked for
 */
record ClientOptions(String host, int port, List<String> lines, boolean help) {

	static final String USAGE = "usage: java -jar tcp-gateway.jar client [--host=HOST] [--port=PORT] [--] [LINE ...]";

	/**
	 * Parses the arguments that follow the word {@code client}.
	 * @param args the arguments
	 * @return the options
	 * @throws IllegalArgumentException if an argument is not understood
	 */
	static ClientOptions parse(String... args) {
		String host = "localhost";
		int port = 8080;
		List<String> lines = new ArrayList<>();
		boolean options = true;
		for (String arg : args) {
			if (!options || !arg.startsWith("--")) {
				lines.add(arg);
			}
			else if (arg.equals("--")) {
				// Lets a line that starts with "--" be sent as it is.
				options = false;
			}
			else if (arg.equals("--help")) {
				return new ClientOptions(host, port, List.of(), true);
			}
			else if (arg.startsWith("--host=")) {
				host = host(arg.substring("--host=".length()));
			}
			else if (arg.startsWith("--port=")) {
				port = port(arg.substring("--port=".length()));
			}
			else {
				throw new IllegalArgumentException("unknown option " + arg);
			}
		}
		return new ClientOptions(host, port, List.copyOf(lines), false);
	}

	String address() {
		return this.host + ":" + this.port;
	}

	private static String host(String value) {
		if (value.isBlank()) {
			throw new IllegalArgumentException("--host needs a host name or address");
		}
		return value;
	}

	private static int port(String value) {
		try {
			int port = Integer.parseInt(value);
			if (port >= 1 && port <= 65535) {
				return port;
			}
		}
		catch (NumberFormatException ex) {
			// Reported below, as a number out of range is.
		}
		throw new IllegalArgumentException("--port needs a number from 1 to 65535, not '" + value + "'");
	}

}
