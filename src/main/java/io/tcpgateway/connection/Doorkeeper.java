package io.tcpgateway.connection;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.tcpgateway.chat.Line;
import io.tcpgateway.chat.SafeText;
import io.tcpgateway.protocol.Kind;
import io.tcpgateway.protocol.LineProcessor;
import io.tcpgateway.protocol.Mode;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The rules every door applies, whatever its transport: admits and greets connections
 * within the limits, hands their lines to the protocol, closes idle, slow and oversized
 * ones with a notice, and records every step.
 *
 * <p>
 * A door calls it on the one thread that serves the connection at a time, in order, so
 * the greeting is always the first line and the close always follows the open. The
 * decisions to close ({@link #idle}, {@link #slowConsumer}, {@link #lineTooLong}) may
 * also come from another thread, such as a timer or a writer: the first reason wins.
 */
public final class Doorkeeper {

	private static final Log logger = LogFactory.getLog(Doorkeeper.class);

	private static final Line INTERNAL_ERROR = Line.of("ERR internal error");

	private final ConnectionRegistry registry;

	private final EventLog events;

	private final LineProcessor processor;

	private final Settings settings;

	private final Map<Kind, Timer> timers = new EnumMap<>(Kind.class);

	public Doorkeeper(ConnectionRegistry registry, EventLog events, LineProcessor processor, Settings settings,
			MeterRegistry meters) {
		this.registry = registry;
		this.events = events;
		this.processor = processor;
		this.settings = settings;
		for (Kind kind : Kind.values()) {
			if (kind != Kind.IGNORED) {
				this.timers.put(kind,
						Timer.builder("tcp.line.processing")
							.description("Time to process one line from a client")
							.tag("kind", kind.label())
							.register(meters));
			}
		}
	}

	/**
	 * Admits a new connection and greets it, or refuses it when the server is full or its
	 * address has its most connections open.
	 * @param id the connection id
	 * @param peer where it comes from
	 * @param outlet how to reach it
	 * @return the connection, or {@code null} if it was refused and is closing
	 */
	public @Nullable Connection admit(String id, Peer peer, Outlet outlet) {
		Connection connection = new Connection(id, peer, Instant.now(), this.settings.defaultMode(), outlet,
				this.registry.traffic());
		connection.onAnswer(this::answered);
		outlet.attach(connection);
		int open = this.registry.add(connection);
		if (open == ConnectionRegistry.SERVER_FULL) {
			this.registry.traffic().error(ErrorType.SERVER_FULL);
			return refuse(connection, "server full (" + this.registry.maxConnections() + " connections)",
					"ERR server full");
		}
		if (open == ConnectionRegistry.ADDRESS_FULL) {
			return refuse(
					connection, "too many connections from " + connection.peer().address() + " ("
							+ this.registry.maxPerAddress() + " per address)",
					"ERR too many connections from your address");
		}
		try {
			this.events.record(EventType.OPENED, connection, open + " open");
			if (!this.settings.greeting().isEmpty()) {
				connection.send(Line.of(this.settings.greeting()));
			}
			this.registry.greeted(connection);
			this.processor.opened(connection.session());
			return connection;
		}
		catch (RuntimeException ex) {
			// counted and registered, so its close event tidies up: it must not stay open
			internalError(connection, ex);
			if (connection.closing(CloseReason.ERROR)) {
				connection.closeAfter(INTERNAL_ERROR);
			}
			return null;
		}
	}

	private @Nullable Connection refuse(Connection connection, String reason, String notice) {
		this.events.record(EventType.REJECTED, connection, reason);
		connection.closing(CloseReason.LIMIT);
		connection.closeAfter(Line.of(notice));
		return null;
	}

	/**
	 * Processes lines from a connection, in order, until one of them closes it; on a
	 * shutdown the lines already sent are still answered.
	 * @param id the connection id
	 * @param lines the lines, without their endings
	 * @param bytes their size on the wire
	 */
	public void lines(String id, List<String> lines, int bytes) {
		Connection connection = this.registry.get(id);
		if (connection != null) {
			lines(connection, lines, bytes);
		}
	}

	/**
	 * Processes lines from an admitted connection, as {@link #lines(String, List, int)}
	 * does, for a door that keeps the connection {@link #admit} returned.
	 * @param connection the connection
	 * @param lines the lines, without their endings
	 * @param bytes their size on the wire
	 */
	public void lines(Connection connection, List<String> lines, int bytes) {
		connection.received(lines.size(), bytes);
		synchronized (connection) {
			process(connection, null, lines);
		}
	}

	/**
	 * Sends an answer that came later, then processes the lines that waited for it;
	 * called on the connection's executor.
	 */
	private void answered(Connection connection, @Nullable String reply) {
		synchronized (connection) {
			process(connection, reply, connection.stopWaiting());
		}
		if (!connection.awaiting()) {
			connection.outlet().resumeReading();
		}
	}

	private void process(Connection connection, @Nullable String first, Iterable<String> lines) {
		connection.hold();
		try {
			if (first != null) {
				connection.reply(first);
			}
			for (String line : lines) {
				if (connection.deferred(line)) {
					continue;
				}
				CloseReason closing = connection.closeReason();
				if (closing != null && closing != CloseReason.SHUTDOWN) {
					return;
				}
				long start = System.nanoTime();
				Kind kind;
				try {
					kind = this.processor.process(connection.session(), line);
				}
				catch (RuntimeException ex) {
					internalError(connection, ex);
					connection.reply(INTERNAL_ERROR.text());
					continue;
				}
				if (kind != Kind.IGNORED) {
					this.timers.get(kind).record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
				}
			}
		}
		finally {
			connection.release();
		}
	}

	/**
	 * A bug, not the client's fault: the stack trace goes to the log, its messages
	 * escaped as they may quote the client's text; the caller tells the client.
	 */
	private void internalError(Connection connection, RuntimeException ex) {
		logger.error("Line processing failed on connection " + connection.id(), EscapedFailure.of(ex, 8));
		this.registry.traffic().error(ErrorType.INTERNAL);
		this.events.record(EventType.ERROR, connection, "internal error: " + ex.getClass().getSimpleName());
	}

	/**
	 * Forgets a connection that has closed, and records why.
	 * @param id the connection id
	 */
	public void closed(String id) {
		Connection connection = this.registry.get(id);
		if (connection == null) {
			return;
		}
		this.processor.closed(connection.session());
		CloseReason reason = (connection.closeReason() != null) ? connection.closeReason() : CloseReason.CLIENT;
		int open = this.registry.remove(id, reason);
		if (open >= 0) {
			this.events.record(EventType.CLOSED, connection, describe(reason) + ", " + open + " open");
		}
	}

	/**
	 * Closes a connection that sent a line longer than the limit, with a notice.
	 * @param id the connection id
	 */
	public void lineTooLong(String id) {
		Connection connection = this.registry.get(id);
		if (connection != null && connection.closing(CloseReason.LIMIT)) {
			String reason = "line too long (max " + this.settings.maxLineLength() + " bytes)";
			this.registry.traffic().error(ErrorType.LINE_TOO_LONG);
			this.events.record(EventType.LINE_TOO_LONG, connection, reason);
			connection.closeAfter(Line.of("ERR " + reason));
		}
	}

	/**
	 * Closes every connection, of any door, whose client has sent nothing for the idle
	 * timeout; a timer calls it often enough for the timeout's precision.
	 */
	public void closeIdle() {
		long timeout = this.settings.idleTimeout().toNanos();
		if (timeout <= 0) {
			return;
		}
		long now = System.nanoTime();
		for (Connection connection : this.registry.all()) {
			if (connection.quietNanos(now) >= timeout) {
				idle(connection);
			}
		}
	}

	private void idle(Connection connection) {
		if (connection.closing(CloseReason.IDLE)) {
			String idleFor = "no input for " + describe(this.settings.idleTimeout());
			this.events.record(EventType.IDLE_TIMEOUT, connection, idleFor);
			connection.closeAfter(Line.of("ERR idle timeout (" + idleFor + "), closing"));
		}
	}

	/**
	 * Closes a connection at once because its client does not read what it is sent.
	 * @param id the connection id
	 */
	public void slowConsumer(String id) {
		Connection connection = this.registry.get(id);
		if (connection != null && connection.closing(CloseReason.LIMIT)) {
			this.registry.traffic().error(ErrorType.SLOW_CONSUMER);
			this.events.record(EventType.SLOW_CONSUMER, connection,
					"more than " + this.settings.maxPendingOutput() + " bytes of output pending");
			connection.outlet().close();
		}
	}

	/**
	 * Records a read or write that failed; the door closes the connection.
	 * @param id the connection id
	 * @param cause what failed
	 */
	public void failed(String id, Throwable cause) {
		Connection connection = this.registry.get(id);
		if (connection != null && connection.closing(CloseReason.ERROR)) {
			this.registry.traffic().error(ErrorType.IO);
			String message = cause.getMessage();
			this.events.record(EventType.ERROR, connection,
					(cause instanceof IOException && message != null) ? message : cause.getClass().getSimpleName());
		}
	}

	private static String describe(CloseReason reason) {
		return switch (reason) {
			case CLIENT -> "client closed";
			case QUIT -> "/quit";
			default -> reason.label();
		};
	}

	/**
	 * Writes a duration the way people say it: {@code 10m}, {@code 45s}, {@code 500ms}.
	 * @param duration the duration
	 * @return the text
	 */
	static String describe(Duration duration) {
		long millis = duration.toMillis();
		if (millis > 0 && millis % 60_000 == 0) {
			return (millis / 60_000) + "m";
		}
		return (millis % 1000 == 0) ? (millis / 1000) + "s" : millis + "ms";
	}

	/**
	 * What the rules depend on.
	 *
	 * @param greeting the first line of every connection; empty sends nothing
	 * @param defaultMode the mode a connection starts in
	 * @param maxLineLength the longest line, for the notice
	 * @param idleTimeout the idle timeout, for the notice
	 * @param maxPendingOutput the pending output limit, for the event
	 */
	public record Settings(String greeting, Mode defaultMode, int maxLineLength, Duration idleTimeout,
			long maxPendingOutput) {

	}

	/**
	 * A failure as the log shows it: each throwable's type and message, escaped, with its
	 * frames, and its causes to a bounded depth.
	 */
	private static final class EscapedFailure extends RuntimeException {

		private EscapedFailure(Throwable failure, @Nullable Throwable cause) {
			super(SafeText.escape(failure.toString()), cause, false, true);
			setStackTrace(failure.getStackTrace());
		}

		static EscapedFailure of(Throwable failure, int depth) {
			Throwable cause = failure.getCause();
			boolean deeper = cause != null && cause != failure && depth > 1;
			return new EscapedFailure(failure, deeper ? of(cause, depth - 1) : null);
		}

	}

}
