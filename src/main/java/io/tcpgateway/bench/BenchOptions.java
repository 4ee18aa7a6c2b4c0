package io.tcpgateway.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.tcpgateway.bench.FanOutOptions.Mode;

/**
 * Options of the {@code bench} command, parsed from {@code --name=value} arguments and
 * validated on construction.
 *
 * @param host server host
 * @param port server TCP port
 * @param connections number of client connections
 * @param duration measured time, after the warm-up
 * @param size bytes per line sent, including the CRLF terminator
 * @param pipeline lines kept in flight per connection (1 = ping-pong)
 * @param warmup unmeasured time before the measurement starts
 * @param idle whether to only open and hold the connections
 * @param hold how long idle connections are held
 * @param sources local addresses the connections are bound to in turn; empty to let the
 * kernel choose
 * @param help whether usage was requested
 * @param tls whether the connections talk TLS (trusting any server certificate)
 * @param fanOut the chat and alarm modes' options
 */
record BenchOptions(String host, int port, int connections, Duration duration, int size, int pipeline, Duration warmup,
		boolean idle, Duration hold, List<String> sources, boolean help, boolean tls, FanOutOptions fanOut) {

	static final String USAGE = """
			Usage: java -jar tcp-gateway.jar bench [options]

			Closed-loop echo load: every connection keeps --pipeline lines in flight, checks that
			each reply is exactly the line it sent (payload + CRLF, in order) and records the
			round-trip latency. Prints one key=value summary line on stdout.

			  --host=HOST          server host (default localhost)
			  --port=PORT          server port (default 8080)
			  --connections=N      client connections (default 100)
			  --duration=TIME      measured time, e.g. 500ms, 10s, 1m (default 10s)
			  --size=BYTES         bytes per line sent, CRLF included (default 64, minimum 3)
			  --pipeline=N         lines in flight per connection, 1 = ping-pong (default 1)
			  --warmup=TIME        unmeasured warm-up before --duration (default 2s)
			  --idle               only open the connections and hold them idle
			  --hold=TIME          how long --idle holds the connections (default 10s)
			  --sources=N          bind the connections in turn to 127.0.0.1 .. 127.0.0.N
			                       (N up to 254); one source address has only about
			                       28,000 ephemeral ports, so use e.g. 4 for 50,000
			                       connections (default: the kernel picks the address)
			  --source=IP[,IP...]  the same with the source addresses listed
			  --tls                talk TLS, e.g. to the gateway's TLS port (--port=8443);
			                       any server certificate is accepted; connects/s in
			                       the summary is then the rate of full handshakes
			  --help               show this help

			Chat fan-out (--chat): the connections join the chat room (/mode chat); once
			every join notice is in, the first --senders members send lines of --size bytes
			carrying their id, a sequence number and the send time. Every other member
			must get each line once and in order; prints the delivery latency (send to
			receipt), deliveries/s, missing and reordered lines.

			  --chat               run the chat fan-out instead of the echo load
			  --senders=N          members that send (default 1)
			  --rate=N             lines a second per sender; 0 = closed loop (default 0)
			  --window=N           closed loop: lines per sender not yet delivered to
			                       every other member (default 2)

			Alarm fan-out (--alarm): once the connections are greeted, POSTs an alarm to
			http://HOST:HTTP-PORT/actuator/broadcast --rounds times and prints the median
			time from just before the POST to the first and to the last connection
			receiving its "! ..." line.

			  --alarm              run the alarm fan-out instead of the echo load
			  --http-port=PORT     the gateway's HTTP port (default 8081)
			  --user=NAME          HTTP Basic user (default admin)
			  --password=SECRET    HTTP Basic password (default empty)
			  --rounds=N           alarms sent, one at a time (default 5)

			Exit status: 0 ok, 1 errors or could not connect, 2 bad arguments.
			""";

	private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m|h)?");

	private static final int MAX_LOOPBACK_SOURCES = 254;

	BenchOptions {
		require(host != null && !host.isBlank(), "--host must not be empty");
		require(port >= 1 && port <= 65535, "--port must be between 1 and 65535");
		require(connections >= 1 && connections <= 1_000_000, "--connections must be between 1 and 1000000");
		require(duration.compareTo(Duration.ZERO) > 0, "--duration must be positive");
		require(size >= 3 && size <= 1 << 20, "--size must be between 3 and 1048576");
		require(pipeline >= 1 && pipeline <= 100_000, "--pipeline must be between 1 and 100000");
		require(!warmup.isNegative(), "--warmup must not be negative");
		require(!hold.isNegative(), "--hold must not be negative");
		sources = List.copyOf(sources);
		require(sources.stream().noneMatch(String::isBlank), "--source must not list an empty address");
		fanOut.validate(connections, size, idle, tls);
	}

	BenchOptions(String host, int port, int connections, Duration duration, int size, int pipeline, Duration warmup,
			boolean idle, Duration hold, List<String> sources, boolean help) {
		this(host, port, connections, duration, size, pipeline, warmup, idle, hold, sources, help, false,
				FanOutOptions.NONE);
	}

	static BenchOptions parse(String... args) {
		String host = "localhost";
		int port = 8080;
		int connections = 100;
		Duration duration = Duration.ofSeconds(10);
		int size = 64;
		int pipeline = 1;
		Duration warmup = Duration.ofSeconds(2);
		boolean idle = false;
		Duration hold = Duration.ofSeconds(10);
		List<String> sources = List.of();
		boolean help = false;
		boolean tls = false;
		FanOutOptions fanOut = FanOutOptions.NONE;
		Mode mode = Mode.NONE;
		int senders = fanOut.senders();
		int rate = fanOut.rate();
		int window = fanOut.window();
		int httpPort = fanOut.httpPort();
		String user = fanOut.user();
		String password = fanOut.password();
		int rounds = fanOut.rounds();
		for (String arg : args) {
			if (arg.equals("-h")) {
				help = true;
				continue;
			}
			require(arg.startsWith("--"), "unexpected argument: " + arg);
			int eq = arg.indexOf('=');
			String name = (eq < 0) ? arg.substring(2) : arg.substring(2, eq);
			String value = (eq < 0) ? null : arg.substring(eq + 1);
			switch (name) {
				case "host" -> host = value(name, value);
				case "port" -> port = integer(name, value);
				case "connections" -> connections = integer(name, value);
				case "duration" -> duration = duration(name, value);
				case "size" -> size = integer(name, value);
				case "pipeline" -> pipeline = integer(name, value);
				case "warmup" -> warmup = duration(name, value);
				case "idle" -> idle = flag(name, value);
				case "hold" -> hold = duration(name, value);
				case "sources" -> sources = loopbackSources(integer(name, value));
				case "source" -> sources = List.of(value(name, value).split(",", -1));
				case "help" -> help = flag(name, value);
				case "tls" -> tls = flag(name, value);
				case "chat" -> mode = mode(mode, Mode.CHAT, flag(name, value));
				case "alarm" -> mode = mode(mode, Mode.ALARM, flag(name, value));
				case "senders" -> senders = integer(name, value);
				case "rate" -> rate = integer(name, value);
				case "window" -> window = integer(name, value);
				case "http-port" -> httpPort = integer(name, value);
				case "user" -> user = value(name, value);
				case "password" -> password = value(name, value);
				case "rounds" -> rounds = integer(name, value);
				default -> throw new IllegalArgumentException("unknown option: " + arg);
			}
		}
		fanOut = new FanOutOptions(mode, senders, rate, window, httpPort, user, password, rounds);
		return new BenchOptions(host, port, connections, duration, size, pipeline, warmup, idle, hold, sources, help,
				tls, fanOut);
	}

	private static Mode mode(Mode current, Mode requested, boolean flag) {
		require(current == Mode.NONE || current == requested, "--chat and --alarm exclude each other");
		return requested;
	}

	/**
	 * Parses {@code 500ms}, {@code 10s}, {@code 1m} or {@code 1h}; a bare number means
	 * seconds.
	 */
	static Duration parseDuration(String text) {
		Matcher matcher = DURATION.matcher(text);
		require(matcher.matches(), "invalid duration '" + text + "' (use e.g. 500ms, 10s, 1m)");
		long amount = Long.parseLong(matcher.group(1));
		String unit = (matcher.group(2) != null) ? matcher.group(2) : "s";
		return switch (unit) {
			case "ms" -> Duration.ofMillis(amount);
			case "m" -> Duration.ofMinutes(amount);
			case "h" -> Duration.ofHours(amount);
			default -> Duration.ofSeconds(amount);
		};
	}

	static String format(Duration duration) {
		return String.format(Locale.ROOT, "%.1fs", duration.toNanos() / 1e9);
	}

	private static List<String> loopbackSources(int count) {
		require(count >= 1 && count <= MAX_LOOPBACK_SOURCES, "--sources must be between 1 and " + MAX_LOOPBACK_SOURCES);
		List<String> sources = new ArrayList<>(count);
		for (int i = 1; i <= count; i++) {
			sources.add("127.0.0." + i);
		}
		return sources;
	}

	private static String value(String name, String value) {
		require(value != null, "--" + name + " needs a value (--" + name + "=...)");
		return value;
	}

	private static int integer(String name, String value) {
		try {
			return Integer.parseInt(value(name, value));
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("--" + name + " is not a number: " + value);
		}
	}

	private static Duration duration(String name, String value) {
		try {
			return parseDuration(value(name, value));
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("--" + name + ": " + ex.getMessage());
		}
	}

	private static boolean flag(String name, String value) {
		require(value == null, "--" + name + " takes no value");
		return true;
	}

	private static void require(boolean condition, String message) {
		if (!condition) {
			throw new IllegalArgumentException(message);
		}
	}

}
