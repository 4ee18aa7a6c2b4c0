package io.tcpgateway.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.awaitility.Awaitility.await;

/**
 * A real {@code redis-server} on a free loopback port, without persistence, that a test
 * can stop and start again on the same port.
 */
public final class RedisServer implements AutoCloseable {

	/** The address the server binds. */
	public static final String HOST = "127.0.0.1";

	private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(20);

	private static final int SOCKET_TIMEOUT_MILLIS = 2000;

	private final int port;

	private final Path folder;

	private final ServerProcess process;

	private RedisServer(Path executable, int port, Path folder, List<String> extraArguments) {
		this.port = port;
		this.folder = folder;
		List<String> command = new ArrayList<>(List.of(executable.toString(), "--port", Integer.toString(port),
				"--bind", HOST, "--save", "", "--appendonly", "no", "--protected-mode", "no", "--daemonize", "no",
				"--dir", folder.toString()));
		command.addAll(extraArguments);
		this.process = new ServerProcess(command, "redis-server-" + port);
	}

	/**
	 * Starts a server on a free loopback port and waits until it answers PING; skips or
	 * fails the test when {@code redis-server} is not installed.
	 * @param extraArguments more {@code redis-server} options, such as
	 * {@code "--cluster-enabled", "yes"} (a cluster node also listens on its port plus
	 * 10000, which this class does not check)
	 * @return the running server
	 */
	public static RedisServer startOnFreePort(String... extraArguments) {
		Path executable = ExternalProgram.redisServer();
		try {
			RedisServer server = new RedisServer(executable, FreePorts.loopback(),
					Files.createTempDirectory("redis-server-"), List.of(extraArguments));
			try {
				server.start();
			}
			catch (RuntimeException ex) {
				server.close();
				throw ex;
			}
			return server;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Starts the server again on the same port, after {@link #stop()}, and waits until it
	 * answers PING.
	 */
	public void start() {
		this.process.start();
		await().atMost(STARTUP_TIMEOUT).pollInterval(Duration.ofMillis(50)).until(this::answersPing);
	}

	/**
	 * Stops the server with SIGTERM and waits for it to exit; the port then refuses
	 * connections.
	 */
	public void stop() {
		this.process.stop();
	}

	/**
	 * Kills the server with SIGKILL, as a crash would; {@link #start()} starts it again.
	 */
	public void kill() {
		this.process.kill();
	}

	/**
	 * Hangs the server with SIGSTOP: its port still accepts connections, and nothing
	 * answers.
	 */
	public void pause() {
		this.process.signal("STOP");
	}

	/**
	 * Lets a paused server go on, with SIGCONT.
	 */
	public void resume() {
		this.process.signal("CONT");
	}

	public int port() {
		return this.port;
	}

	public boolean isRunning() {
		return this.process.isAlive();
	}

	/**
	 * Sends PING over a new connection.
	 * @return the reply without its type marker, {@code PONG} from a ready server
	 * @throws IOException if the connection fails or the server answers with an error
	 */
	public String ping() throws IOException {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(HOST, this.port), SOCKET_TIMEOUT_MILLIS);
			socket.setSoTimeout(SOCKET_TIMEOUT_MILLIS);
			OutputStream out = socket.getOutputStream();
			out.write("*1\r\n$4\r\nPING\r\n".getBytes(StandardCharsets.US_ASCII));
			out.flush();
			BufferedReader in = new BufferedReader(
					new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
			String reply = in.readLine();
			if (reply == null || !reply.startsWith("+")) {
				throw new IOException("redis-server on port " + this.port + " answered PING with " + reply);
			}
			return reply.substring(1);
		}
	}

	/**
	 * Sends one command to a Redis server or Sentinel on loopback over a new connection.
	 * @param port its port
	 * @param arguments the command and its arguments
	 * @return the reply: a status or a number as it is, a bulk string or an array of them
	 * one per line; an error starts with {@code -}
	 * @throws IOException if the connection fails
	 */
	public static String call(int port, String... arguments) throws IOException {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(HOST, port), SOCKET_TIMEOUT_MILLIS);
			socket.setSoTimeout(SOCKET_TIMEOUT_MILLIS);
			StringBuilder request = new StringBuilder("*" + arguments.length + "\r\n");
			for (String argument : arguments) {
				request.append('$')
					.append(argument.getBytes(StandardCharsets.UTF_8).length)
					.append("\r\n")
					.append(argument)
					.append("\r\n");
			}
			OutputStream out = socket.getOutputStream();
			out.write(request.toString().getBytes(StandardCharsets.UTF_8));
			out.flush();
			BufferedReader in = new BufferedReader(
					new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
			return read(in);
		}
	}

	private static String read(BufferedReader in) throws IOException {
		String line = in.readLine();
		if (line == null) {
			throw new IOException("connection closed before a reply");
		}
		return switch (line.charAt(0)) {
			case '+', ':' -> line.substring(1);
			case '$' -> bulk(in, Integer.parseInt(line.substring(1)));
			case '*' -> {
				List<String> items = new ArrayList<>();
				for (int i = Integer.parseInt(line.substring(1)); i > 0; i--) {
					items.add(read(in));
				}
				yield String.join("\n", items);
			}
			default -> line;
		};
	}

	// ASCII only, as the replies the tests read are: a character per byte.
	private static String bulk(BufferedReader in, int length) throws IOException {
		if (length < 0) {
			return "";
		}
		char[] text = new char[length];
		for (int read = 0; read < length;) {
			int count = in.read(text, read, length - read);
			if (count < 0) {
				throw new IOException("connection closed within a reply");
			}
			read += count;
		}
		in.readLine();
		return new String(text);
	}

	/**
	 * Asks how many clients are subscribed to a pub/sub channel, with
	 * {@code PUBSUB NUMSUB}.
	 * @param channel the channel
	 * @return its number of subscribers
	 * @throws IOException if the connection fails or the reply is not a count
	 */
	public long subscribers(String channel) throws IOException {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(HOST, this.port), SOCKET_TIMEOUT_MILLIS);
			socket.setSoTimeout(SOCKET_TIMEOUT_MILLIS);
			byte[] name = channel.getBytes(StandardCharsets.UTF_8);
			OutputStream out = socket.getOutputStream();
			out.write(("*3\r\n$6\r\nPUBSUB\r\n$6\r\nNUMSUB\r\n$" + name.length + "\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			out.write(name);
			out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
			out.flush();
			BufferedReader in = new BufferedReader(
					new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
			// *2, $length, the channel, then :count
			for (String line = in.readLine(); line != null; line = in.readLine()) {
				if (line.startsWith(":")) {
					return Long.parseLong(line.substring(1));
				}
				if (line.startsWith("-")) {
					break;
				}
			}
			throw new IOException("redis-server on port " + this.port + " gave no subscriber count for " + channel);
		}
	}

	/**
	 * Stops the server this object started and deletes its folder.
	 */
	@Override
	public void close() {
		stop();
		ServerProcess.deleteRecursively(this.folder);
	}

	private boolean answersPing() {
		this.process.assertAlive();
		try {
			return "PONG".equals(ping());
		}
		catch (IOException ex) {
			return false;
		}
	}

}
