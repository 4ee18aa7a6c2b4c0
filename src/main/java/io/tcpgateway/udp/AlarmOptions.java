package io.tcpgateway.udp;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code alarm} command's line: where to send, the secret, and the text.
 *
 * @param host the gateway's host
 * @param port its UDP alarm port
 * @param secret the shared secret
 * @param text the alarm text
 * @param help whether the usage was asked for
 */
record AlarmOptions(String host, int port, String secret, String text, boolean help) {

	static final String USAGE = "usage: java -jar tcp-gateway.jar alarm --udp=HOST:PORT [--secret=SECRET] [--] TEXT ...";

	/**
	 * Where the secret comes from without {@code --secret}: the gateway's own variable.
	 */
	static final String SECRET_VARIABLE = "GATEWAY_UDP_ALARMSECRET";

	/**
	 * Parses the arguments that follow the word {@code alarm}.
	 * @param args the arguments
	 * @param environment the environment variables, for the secret
	 * @return the options
	 * @throws IllegalArgumentException if an argument is missing or not understood
	 */
	static AlarmOptions parse(List<String> args, Map<String, String> environment) {
		String udp = null;
		String secret = environment.getOrDefault(SECRET_VARIABLE, "");
		List<String> words = new ArrayList<>();
		boolean options = true;
		for (String arg : args) {
			if (!options || !arg.startsWith("--")) {
				words.add(arg);
			}
			else if (arg.equals("--")) {
				options = false;
			}
			else if (arg.equals("--help")) {
				return new AlarmOptions("", 0, "", "", true);
			}
			else if (arg.startsWith("--udp=")) {
				udp = arg.substring("--udp=".length());
			}
			else if (arg.startsWith("--secret=")) {
				secret = arg.substring("--secret=".length());
			}
			else {
				throw new IllegalArgumentException("unknown option " + arg);
			}
		}
		if (udp == null) {
			throw new IllegalArgumentException("--udp=HOST:PORT is required");
		}
		if (secret.isEmpty()) {
			throw new IllegalArgumentException("--secret=SECRET (or " + SECRET_VARIABLE + ") is required");
		}
		String text = String.join(" ", words);
		if (text.isBlank()) {
			throw new IllegalArgumentException("the alarm TEXT is required");
		}
		if (text.indexOf('\r') >= 0 || text.indexOf('\n') >= 0) {
			throw new IllegalArgumentException("the alarm TEXT must be one line, without CR or LF");
		}
		URI address = address(udp);
		String host = address.getHost();
		// An IPv6 address keeps its brackets in a URI.
		host = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
		return new AlarmOptions(host, address.getPort(), secret, text, false);
	}

	private static URI address(String udp) {
		try {
			URI address = new URI("udp://" + udp);
			if (address.getHost() != null && address.getPort() >= 1 && address.getPort() <= 65535
					&& address.getRawPath().isEmpty() && address.getRawUserInfo() == null
					&& address.getRawQuery() == null && address.getRawFragment() == null) {
				return address;
			}
		}
		catch (URISyntaxException ex) {
			// Reported below, as a missing part is.
		}
		throw new IllegalArgumentException("--udp needs HOST:PORT with a port from 1 to 65535, not '" + udp + "'");
	}

	@Override
	public String toString() {
		// Keeps the secret out of anything that prints the options.
		return "AlarmOptions[" + this.host + ":" + this.port + ", text=" + this.text + "]";
	}

}
