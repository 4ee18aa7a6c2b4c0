package io.tcpgateway.client;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The client's command line: where to connect, and the lines to send (none means read
 * them from stdin).
 *
 * @param host the host to connect to
 * @param port the TCP port to connect to
 * @param lines the lines to send, in order
 * @param help whether the usage was asked for
 * @param tls whether to connect over TLS
 * @param insecure whether to accept any server certificate, over TLS
 * @param ca the PEM file of the certificates that sign the server's, over TLS;
 * {@code null} means the JDK's trusted authorities
 */
record ClientOptions(String host, int port, List<String> lines, boolean help, boolean tls, boolean insecure,
		@Nullable Path ca) {

	static final String USAGE = "usage: java -jar tcp-gateway.jar client [--host=HOST] [--port=PORT] "
			+ "[--tls [--insecure | --ca=FILE]] [--] [LINE ...]";

	/** The port with {@code --tls} and no {@code --port}. */
	static final int TLS_PORT = 8443;

	/**
	 * Parses the arguments that follow the word {@code client}.
	 * @param args the arguments
	 * @return the options
	 * @throws IllegalArgumentException if an argument is not understood
	 */
	static ClientOptions parse(String... args) {
		String host = "localhost";
		Integer port = null;
		boolean tls = false;
		boolean insecure = false;
		Path ca = null;
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
				return new ClientOptions(host, 8080, List.of(), true, false, false, null);
			}
			else if (arg.startsWith("--host=")) {
				host = host(arg.substring("--host=".length()));
			}
			else if (arg.startsWith("--port=")) {
				port = port(arg.substring("--port=".length()));
			}
			else if (arg.equals("--tls")) {
				tls = true;
			}
			else if (arg.equals("--insecure")) {
				insecure = true;
			}
			else if (arg.startsWith("--ca=") && arg.length() > "--ca=".length()) {
				ca = Path.of(arg.substring("--ca=".length()));
			}
			else {
				throw new IllegalArgumentException("unknown option " + arg);
			}
		}
		if ((insecure || ca != null) && !tls) {
			throw new IllegalArgumentException("--insecure and --ca need --tls");
		}
		if (insecure && ca != null) {
			throw new IllegalArgumentException("--insecure and --ca exclude each other");
		}
		int chosen = (port != null) ? port : (tls ? TLS_PORT : 8080);
		return new ClientOptions(host, chosen, List.copyOf(lines), false, tls, insecure, ca);
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
