package io.tcpgateway.connection;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletionStage;
import java.util.function.BiConsumer;

import io.tcpgateway.chat.Line;
import io.tcpgateway.chat.Member;
import io.tcpgateway.protocol.Mode;
import io.tcpgateway.protocol.Responder;
import io.tcpgateway.protocol.Session;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * One open client connection: who it is, its protocol session, the outlet that reaches
 * it, its counters, its idle clock, and, once the gateway decides to close it, why.
 */
public final class Connection implements Responder {

	private static final Log logger = LogFactory.getLog(Connection.class);

	/** The most reply bytes held back before they are sent anyway. */
	private static final int MAX_HELD_BYTES = 16 * 1024;

	/** The most lines kept while an answer is awaited; reading stops meanwhile anyway. */
	private static final int MAX_WAITING_LINES = 10_000;

	private final String id;

	private final Peer peer;

	private final Instant openedAt;

	private final Session session;

	private final Outlet outlet;

	private final Traffic traffic;

	private volatile long linesIn;

	private volatile long bytesIn;

	private volatile long linesOut;

	private volatile long bytesOut;

	private volatile long lastInputNanos = System.nanoTime();

	private volatile @Nullable CloseReason closeReason;

	private volatile boolean greeted;

	private @Nullable List<Line> held;

	private int heldBytes;

	// Lines that wait for an answer that comes later; touched under this object's lock.
	private @Nullable Queue<String> waiting;

	private BiConsumer<Connection, @Nullable String> answers = (connection, reply) -> {
	};

	public Connection(String id, Peer peer, Instant openedAt, Mode mode, Outlet outlet, Traffic traffic) {
		this.id = id;
		this.peer = peer;
		this.openedAt = openedAt;
		this.outlet = outlet;
		this.traffic = traffic;
		this.session = new Session(id, mode, this);
	}

	/**
	 * The connection of a chat member.
	 * @param member a member, which is always a connection's session
	 * @return the connection
	 */
	static Connection of(Member member) {
		return (Connection) ((Session) member).responder();
	}

	public String id() {
		return this.id;
	}

	public Peer peer() {
		return this.peer;
	}

	/**
	 * The client's address and port, as logged.
	 * @return {@code address:port}
	 */
	public String remote() {
		return this.peer.remote();
	}

	public Session session() {
		return this.session;
	}

	public Outlet outlet() {
		return this.outlet;
	}

	/**
	 * Counts lines read from the client and sets its idle clock; called by the thread
	 * that processes its lines.
	 * @param lines how many lines
	 * @param bytes their size on the wire
	 */
	public void received(int lines, int bytes) {
		this.linesIn += lines;
		this.bytesIn += bytes;
		this.lastInputNanos = System.nanoTime();
		this.traffic.linesIn.add(lines);
		this.traffic.bytesIn.add(bytes);
	}

	/**
	 * Sets the idle clock: the client sent bytes, a whole line or not.
	 */
	public void touched() {
		this.lastInputNanos = System.nanoTime();
	}

	/**
	 * How long the client has sent nothing: the one idle clock, read by the idle timeout,
	 * the connection list and the shutdown's wait for quiet.
	 * @param now {@link System#nanoTime()}
	 * @return nanoseconds since its last line, or since it connected
	 */
	public long quietNanos(long now) {
		return now - this.lastInputNanos;
	}

	/**
	 * Counts lines a door wrote to the client's socket or queue, here and in the totals.
	 * @param lines how many lines
	 * @param bytes their size on the wire
	 */
	public void sent(int lines, long bytes) {
		synchronized (this) {
			this.linesOut += lines;
			this.bytesOut += bytes;
		}
		this.traffic.linesOut.add(lines);
		this.traffic.bytesOut.add(bytes);
	}

	/**
	 * Marks the connection as greeted: lines for every client, such as alarms, reach it
	 * from now on, after its greeting.
	 */
	void greeted() {
		this.greeted = true;
	}

	boolean isGreeted() {
		return this.greeted;
	}

	/**
	 * Records why the gateway is closing this connection; the first reason wins.
	 * @param reason the reason
	 * @return {@code true} if this was the first reason
	 */
	public synchronized boolean closing(CloseReason reason) {
		if (this.closeReason != null) {
			return false;
		}
		this.closeReason = reason;
		return true;
	}

	/**
	 * Why the gateway closed it, or {@code null} if the client did.
	 * @return the reason
	 */
	public @Nullable CloseReason closeReason() {
		return this.closeReason;
	}

	/**
	 * Holds back the replies to a batch of lines, so that they leave together; called on
	 * the thread that processes the connection's lines.
	 */
	void hold() {
		this.held = new ArrayList<>(16);
	}

	/**
	 * Sends the replies held back since {@link #hold()}, and stops holding.
	 */
	void release() {
		List<Line> replies = this.held;
		this.held = null;
		this.heldBytes = 0;
		if (replies != null && !replies.isEmpty()) {
			this.outlet.send(replies);
		}
	}

	@Override
	public void reply(String text) {
		Line line = Line.of(text);
		List<Line> replies = this.held;
		if (replies == null) {
			this.outlet.send(line);
			return;
		}
		replies.add(line);
		this.heldBytes += text.length();
		if (this.heldBytes >= MAX_HELD_BYTES) {
			release();
			hold();
		}
	}

	@Override
	public void push(Line line) {
		send(line);
	}

	/**
	 * Sends a line through the outlet from any thread.
	 * @param line the line
	 */
	public void send(Line line) {
		try {
			this.outlet.send(line);
		}
		catch (RuntimeException ex) {
			// a door that cannot write must not stop the sender, nor anyone else's lines
			if (closing(CloseReason.ERROR)) {
				this.traffic.error(ErrorType.IO);
				logger.warn("closing " + remote() + " (id " + this.id + "): cannot write to it: " + ex);
			}
			this.outlet.close();
		}
	}

	@Override
	public void later(CompletionStage<@Nullable String> answer) {
		synchronized (this) {
			this.waiting = new ArrayDeque<>();
		}
		this.outlet.pauseReading();
		answer.whenComplete((reply, failure) -> this.outlet.executor().execute(() -> this.answers.accept(this, reply)));
	}

	/**
	 * Keeps a line for later if the connection waits for an answer; called for every
	 * line, by the doorkeeper, which holds this object's lock already.
	 * @param line a line to process
	 * @return {@code true} if the line was kept, or dropped because too many wait
	 */
	boolean deferred(String line) {
		Queue<String> queue = this.waiting;
		if (queue == null) {
			return false;
		}
		if (queue.size() < MAX_WAITING_LINES) {
			queue.add(line);
		}
		else if (closing(CloseReason.LIMIT)) {
			this.outlet.closeAfter(Line.of("ERR too many lines while waiting for an answer"));
		}
		return true;
	}

	/**
	 * Whether the connection waits for an answer.
	 * @return {@code true} while it does
	 */
	synchronized boolean awaiting() {
		return this.waiting != null;
	}

	/**
	 * Stops waiting, once the answer came.
	 * @return the lines that waited, in order
	 */
	synchronized Queue<String> stopWaiting() {
		Queue<String> lines = this.waiting;
		this.waiting = null;
		return (lines != null) ? lines : new ArrayDeque<>();
	}

	/**
	 * Sets who takes an answer that came later, on the connection's executor.
	 * @param answers takes the connection and the reply, if any
	 */
	void onAnswer(BiConsumer<Connection, @Nullable String> answers) {
		this.answers = answers;
	}

	/**
	 * Sends a last line, then closes the connection once it is written.
	 * @param last the last line
	 */
	public void closeAfter(Line last) {
		this.outlet.closeAfter(last);
	}

	@Override
	public void hangUp(String lastLine) {
		if (closing(CloseReason.QUIT)) {
			release();
			closeAfter(Line.of(lastLine));
		}
	}

	public ConnectionSnapshot snapshot() {
		long lastInputMillis = System.currentTimeMillis() - quietNanos(System.nanoTime()) / 1_000_000;
		return new ConnectionSnapshot(this.id, this.peer.transport(), this.peer.address(), this.peer.port(),
				this.peer.proxy(), this.openedAt, this.session.mode().label(), this.session.nick(), this.linesIn,
				this.linesOut, this.bytesIn, this.bytesOut, Instant.ofEpochMilli(lastInputMillis),
				this.peer.clientCertificate());
	}

}
