package io.tcpgateway.connection;

import java.time.Instant;
import java.util.function.Function;
import java.util.function.LongSupplier;

import io.tcpgateway.protocol.Link;
import io.tcpgateway.protocol.Mode;
import io.tcpgateway.protocol.Session;
import org.jspecify.annotations.Nullable;

/**
 * One open client connection: who it is, its protocol session, its outbox and its
 * counters.
 */
public final class Connection implements Link {

	private final String id;

	private final String remoteAddress;

	private final int remotePort;

	private final Instant openedAt;

	private final Outbox outbox;

	private final Traffic traffic;

	private final Session session;

	private volatile long linesIn;

	private volatile long bytesIn;

	private volatile long linesOut;

	private volatile long bytesOut;

	private volatile long lastActivityMillis;

	private final LongSupplier lastReadMillis;

	private volatile @Nullable CloseReason closeReason;

	private volatile long closingSinceMillis;

	public Connection(String id, String remoteAddress, int remotePort, Instant openedAt, Mode mode,
			LongSupplier lastReadMillis, Function<Connection, Outbox.Transport> transport,
			OutboxSettings outboxSettings, Traffic traffic) {
		this.id = id;
		this.remoteAddress = remoteAddress;
		this.remotePort = remotePort;
		this.openedAt = openedAt;
		this.lastActivityMillis = openedAt.toEpochMilli();
		this.traffic = traffic;
		this.lastReadMillis = lastReadMillis;
		this.outbox = new Outbox(transport.apply(this), outboxSettings.executor(), outboxSettings.maxPendingBytes());
		this.session = new Session(id, mode, this);
	}

	public String id() {
		return this.id;
	}

	/**
	 * The client's address and port, as logged.
	 * @return {@code address:port}
	 */
	public String remote() {
		return this.remoteAddress + ":" + this.remotePort;
	}

	public Session session() {
		return this.session;
	}

	public Outbox outbox() {
		return this.outbox;
	}

	@Override
	public void reply(String line) {
		this.outbox.reply(line);
	}

	@Override
	public void push(String line) {
		this.outbox.push(line);
	}

	@Override
	public void hangUp(String lastLine) {
		this.outbox.closeAfter(lastLine, CloseReason.QUIT, true);
	}

	/**
	 * Counts a line read from the client.
	 * @param bytes its size on the wire
	 */
	public void received(int bytes) {
		this.linesIn++;
		this.bytesIn += bytes;
		this.lastActivityMillis = System.currentTimeMillis();
		this.traffic.linesIn.increment();
		this.traffic.bytesIn.add(bytes);
	}

	/**
	 * Counts lines written to the client; called by one writer at a time.
	 * @param lines how many lines
	 * @param bytes their size on the wire
	 */
	public void sent(int lines, int bytes) {
		this.linesOut += lines;
		this.bytesOut += bytes;
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
		this.closingSinceMillis = System.currentTimeMillis();
		return true;
	}

	/**
	 * How long the client has sent nothing.
	 * @param nowMillis the time now, in epoch milliseconds
	 * @return the idle time in milliseconds
	 */
	public long idleMillis(long nowMillis) {
		return nowMillis - this.lastReadMillis.getAsLong();
	}

	/**
	 * When the gateway decided to close it.
	 * @return the time in epoch milliseconds, or 0 while it is not closing
	 */
	public long closingSinceMillis() {
		return this.closingSinceMillis;
	}

	/**
	 * Why the gateway closed it, or {@code null} if the client did.
	 * @return the reason
	 */
	public @Nullable CloseReason closeReason() {
		return this.closeReason;
	}

	public ConnectionSnapshot snapshot() {
		return new ConnectionSnapshot(this.id, this.remoteAddress, this.remotePort, this.openedAt,
				this.session.mode().label(), this.session.nick(), this.linesIn, this.linesOut, this.bytesIn,
				this.bytesOut, Instant.ofEpochMilli(this.lastActivityMillis));
	}

}
