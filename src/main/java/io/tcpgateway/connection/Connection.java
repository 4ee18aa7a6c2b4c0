package io.tcpgateway.connection;

import java.time.Instant;

import io.tcpgateway.chat.Line;
import io.tcpgateway.protocol.Link;
import io.tcpgateway.protocol.Mode;
import io.tcpgateway.protocol.Session;
import org.jspecify.annotations.Nullable;

/**
 * One open client connection: who it is, its protocol session, the outlet that reaches
 * it, its counters and, once the gateway decides to close it, why.
 */
public final class Connection {

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
		synchronized (this) {
			this.linesOut++;
			this.bytesOut += line.bytes().length;
		}
		this.lastActivityMillis = System.currentTimeMillis();
		this.traffic.linesOut.increment();
		this.traffic.bytesOut.add(line.bytes().length);
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
	 * Sends a line through the outlet and counts it.
	 * @param line the line
	 */
	public void send(Line line) {
		this.outlet.send(line);
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
			send(Line.of(line));
		}

		@Override
		public void push(Line line) {
			send(line);
		}

		@Override
		public void hangUp(String lastLine) {
			if (closing(CloseReason.QUIT)) {
				closeAfter(Line.of(lastLine));
			}
		}

	}

}
