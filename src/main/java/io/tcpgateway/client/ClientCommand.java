package io.tcpgateway.client;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Optional;

import javax.net.ssl.SSLContext;

/**
 * The {@code client} command: sends lines to a gateway and prints every line it sends
 * back, like {@code nc}.
 */
public final class ClientCommand {

	/** How long the server must be quiet, once input has ended, to have answered. */
	static final Duration QUIET = Duration.ofMillis(300);

	/** The longest wait for replies once input has ended. */
	static final Duration CAP = Duration.ofSeconds(10);

	private ClientCommand() {
	}

	/**
	 * Runs the command.
	 * @param args the arguments after the word {@code client}
	 * @param stdin where lines come from when no LINE argument is given
	 * @param stdout receives the server's lines and nothing else
	 * @param stderr receives usage and failures, one line each
	 * @return the exit code: 0 done, 1 connection refused or lost, 2 bad arguments
	 */
	public static int run(String[] args, InputStream stdin, PrintStream stdout, PrintStream stderr) {
		ClientOptions options;
		try {
			options = ClientOptions.parse(args);
		}
		catch (IllegalArgumentException ex) {
			stderr.println("client: " + ex.getMessage());
			stderr.println(ClientOptions.USAGE);
			return 2;
		}
		if (options.help()) {
			stdout.println(ClientOptions.USAGE);
			return 0;
		}
		SSLContext tls;
		try {
			tls = options.tls() ? ClientTls.context(options) : null;
		}
		catch (IOException | GeneralSecurityException ex) {
			stderr.println("client: cannot set up TLS: " + Reason.of(ex));
			return 2;
		}
		try (LineClient client = new LineClient(options.host(), options.port(), tls, !options.insecure(),
				(line) -> print(line, stdout))) {
			return converse(client, options, stdin, stderr);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			stderr.println("client: interrupted");
			return 1;
		}
	}

	private static int converse(LineClient client, ClientOptions options, InputStream stdin, PrintStream stderr)
			throws InterruptedException {
		try {
			client.connect();
		}
		catch (IOException ex) {
			stderr.println("cannot connect to " + options.address() + ": " + Reason.of(ex));
			return 1;
		}
		if (options.lines().isEmpty()) {
			// A read from stdin may block for good after the server hangs up, so it runs
			// on a daemon thread that cannot hold the exit.
			Thread input = new Thread(() -> send(stdinLines(stdin), client), "client-stdin");
			input.setDaemon(true);
			input.start();
		}
		else {
			send(options.lines(), client);
		}
		Optional<String> lost = client.awaitEnd(QUIET, CAP);
		lost.ifPresent((reason) -> stderr.println("connection to " + options.address() + " lost: " + reason));
		return lost.isPresent() ? 1 : 0;
	}

	private static void send(Iterable<String> lines, LineClient client) {
		try {
			for (String line : lines) {
				if (!client.send(line)) {
					break;
				}
			}
		}
		catch (UncheckedIOException ex) {
			// An unreadable stdin ends the input, as its end does.
		}
		client.inputEnded();
	}

	private static Iterable<String> stdinLines(InputStream stdin) {
		return new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8)).lines()::iterator;
	}

	private static void print(byte[] line, PrintStream stdout) {
		stdout.write(line, 0, line.length);
		stdout.write('\n');
		stdout.flush();
	}

}
