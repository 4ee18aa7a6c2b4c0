package io.tcpgateway.connection;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.tcpgateway.chat.Line;
import io.tcpgateway.protocol.Link;
import io.tcpgateway.protocol.Mode;
import io.tcpgateway.protocol.Session;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * One open client connection: who it is, its protocol session, the outlet that reaches
 * it, its counters and, once the gateway decides to close it, why.
 */
public final class Connection {

	private static final Log logger = LogFactory.getLog(Connection.class);

	/** The most reply bytes held back before they are sent anyway. */
	private static final int MAX_HELD_BYTES = 16 * 1024;

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

	private volatile long lastActivityMillis;

	private volatile @Nullable CloseReason closeReason;

	private @Nullable List<Line> held;

	private int heldBytes;

	public Connection(String id, Peer peer, Instant openedAt, Mode mode, Outlet outlet, Traffic traffic) {
		this.id = id;
		this.peer = peer;
		this.openedAt = openedAt;
		this.outlet = outlet;
		this.traffic = traffic;
		this.lastActivityMillis = openedAt.toEpochMilli();
		this.session = new Session(id, mode, new CountingLink());
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
	 * Counts lines read from the client; called by the thread that processes its lines.
	 * @param lines how many lines
	 * @param bytes their size on the wire
	 */
	public void received(int lines, int bytes) {
		this.linesIn += lines;
		this.bytesIn += bytes;
		this.lastActivityMillis = System.currentTimeMillis();
		this.traffic.linesIn.add(lines);
		this.traffic.bytesIn.add(bytes);
	}

	/**
	 * Counts a line handed to the client's outlet; called from any thread.
	 * @param line the line
	 */
	private void sent(Line line) {
		sent(1, line.bytes().length);
	}

	private void sent(int lines, int bytes) {
		synchronized (this) {
			this.linesOut += lines;
			this.bytesOut += bytes;
		}
		this.lastActivityMillis = System.currentTimeMillis();
		this.traffic.linesOut.add(lines);
		this.traffic.bytesOut.add(bytes);
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
	public void hold() {
		this.held = new ArrayList<>(16);
	}

	/**
	 * Sends the replies held back since {@link #hold()}, and stops holding.
	 */
	public void release() {
		List<Line> replies = this.held;
		this.held = null;
		if (replies != null && !replies.isEmpty()) {
			this.outlet.send(replies);
			sent(replies.size(), this.heldBytes);
		}
		this.heldBytes = 0;
	}

	private void reply(Line line) {
		List<Line> replies = this.held;
		if (replies == null) {
			send(line);
			return;
		}
		replies.add(line);
		this.heldBytes += line.bytes().length;
		if (this.heldBytes >= MAX_HELD_BYTES) {
			release();
			hold();
		}
	}

	/**
	 * Sends a line through the outlet and counts it.
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
			return;
		}
		sent(line);
	}

	/**
	 * Sends a last line, counted, then closes the connection once it is written.
	 * @param last the last line
	 */
	public void closeAfter(Line last) {
		sent(last);
		this.outlet.closeAfter(last);
	}

	/**
	 * Sends a last line, counted, once the lines already sent by the client are answered,
	 * then closes the connection.
	 * @param last the last line
	 */
	public void goodbye(Line last) {
		sent(last);
		this.outlet.goodbye(last);
	}

	public ConnectionSnapshot snapshot() {
		return new ConnectionSnapshot(this.id, this.peer.transport(), this.peer.address(), this.peer.port(),
				this.peer.proxy(), this.openedAt, this.session.mode().label(), this.session.nick(), this.linesIn,
				this.linesOut, this.bytesIn, this.bytesOut, Instant.ofEpochMilli(this.lastActivityMillis),
				this.peer.clientCertificate());
	}

	/**
	 * The session's way out: every line it sends is counted, and a hang-up records its
	 * reason before the last line goes.
	 */
	private final class CountingLink implements Link {

		@Override
		public void reply(String line) {
			Connection.this.reply(Line.of(line));
		}

		@Override
		public void push(Line line) {
			send(line);
		}

		@Override
		public void hangUp(String lastLine) {
			if (closing(CloseReason.QUIT)) {
				release();
				closeAfter(Line.of(lastLine));
			}
		}

	}

}
