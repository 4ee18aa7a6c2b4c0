package io.tcpgateway.tcp;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import javax.net.ssl.SSLSession;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.handler.ssl.SslHandler;
import io.tcpgateway.connection.Connection;
import io.tcpgateway.connection.Peer;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.integration.ip.IpHeaders;
import org.springframework.integration.ip.tcp.connection.TcpConnectionSupport;
import org.springframework.messaging.Message;

/**
 * One Netty channel as a Spring Integration connection: the outbound adapter writes to
 * it, and its lines reach the inbound adapter through the listener.
 *
 * <p>
 * Writes never block. On the channel's event loop during a read they are only queued, and
 * the read's end flushes them all at once; from other threads they wait in a queue of
 * their own, bounded by the pending output limit, that the event loop drains before the
 * connection's own replies, and a burst of them shares one flush.
 */
final class NettyConnection extends TcpConnectionSupport {

	/** How long a last line may take to be read before the connection closes anyway. */
	static final long CLOSE_GRACE_MILLIS = 3000;

	/** How long a client must send nothing before a shutdown says goodbye to it. */
	private static final long QUIET_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

	private final Channel channel;

	private final Peer peer;

	private final String connectionId;

	private final Map<String, Object> headers;

	private final String factoryName;

	private final int flushThreshold;

	private final long maxPendingOutput;

	private boolean overflowed;

	private final Queue<byte[]> pushes = new ConcurrentLinkedQueue<>();

	private final AtomicBoolean drainScheduled = new AtomicBoolean();

	private final AtomicLong queuedBytes = new AtomicLong();

	private final AtomicBoolean overflowScheduled = new AtomicBoolean();

	private boolean reading;

	private boolean admitted;

	private @Nullable Connection admittedAs;

	private long lastReadNanos = System.nanoTime();

	NettyConnection(Channel channel, Peer peer, String connectionId, @Nullable ApplicationEventPublisher publisher,
			String factoryName, long maxPendingOutput) {
		super(publisher);
		this.channel = channel;
		this.peer = peer;
		this.connectionId = connectionId;
		this.headers = Map.of(IpHeaders.CONNECTION_ID, connectionId);
		this.factoryName = factoryName;
		this.maxPendingOutput = maxPendingOutput;
		this.flushThreshold = (int) Math.max(1024, Math.min(64 * 1024, maxPendingOutput / 4));
	}

	/**
	 * The headers of every message to or from this connection: only its id, which routes
	 * replies through the outbound adapter.
	 * @return the headers
	 */
	Map<String, Object> headers() {
		return this.headers;
	}

	/**
	 * The gateway's connection for this channel, set on the event loop when the open
	 * event admits it.
	 * @return the connection, or {@code null} if it was refused or is not open yet
	 */
	@Nullable Connection admittedAs() {
		return this.admittedAs;
	}

	void admittedAs(Connection connection) {
		this.admittedAs = connection;
	}

	/**
	 * Where the connection really comes from, behind any proxy.
	 * @return the peer
	 */
	Peer peer() {
		return this.peer;
	}

	@Override
	public void send(Message<?> message) {
		byte[] bytes = encode(message.getPayload());
		if (!this.channel.eventLoop().inEventLoop()) {
			push(bytes);
			return;
		}
		drainPushes();
		this.channel.write(Unpooled.wrappedBuffer(bytes), this.channel.voidPromise());
		if (!this.reading || pendingBytes() >= this.flushThreshold) {
			flush();
		}
	}

	private void push(byte[] bytes) {
		if (!this.channel.isActive()) {
			return;
		}
		if (this.queuedBytes.addAndGet(bytes.length) > this.maxPendingOutput) {
			// the event loop is not keeping up with this client's pushes: it is too slow
			this.queuedBytes.addAndGet(-bytes.length);
			if (this.overflowScheduled.compareAndSet(false, true)) {
				this.channel.eventLoop().execute(this::overflowed);
			}
			return;
		}
		this.pushes.add(bytes);
		if (this.drainScheduled.compareAndSet(false, true)) {
			this.channel.eventLoop().execute(this::drainAndFlush);
		}
	}

	/**
	 * Writes the lines other threads handed over, in order, before anything written on
	 * the event loop after them; so a reply never overtakes a chat line or alarm sent
	 * before the line it answers was read.
	 */
	void drainPushes() {
		if (!this.admitted) {
			return;
		}
		for (byte[] bytes = this.pushes.poll(); bytes != null; bytes = this.pushes.poll()) {
			this.queuedBytes.addAndGet(-bytes.length);
			this.channel.write(Unpooled.wrappedBuffer(bytes), this.channel.voidPromise());
		}
	}

	private void drainAndFlush() {
		this.drainScheduled.set(false);
		drainPushes();
		flush();
	}

	/**
	 * Flushes on the event loop, then checks that the client keeps up: what the socket
	 * did not take stays in the channel, and more of it than the limit closes the
	 * connection.
	 */
	void flush() {
		this.channel.flush();
		if (!this.channel.isWritable() && unwrittenBytes() > this.maxPendingOutput) {
			overflowed();
		}
	}

	private void overflowed() {
		if (!this.overflowed && this.channel.isActive()) {
			this.overflowed = true;
			publishEvent(new SlowConsumerEvent(this));
		}
	}

	private long pendingBytes() {
		ChannelOutboundBuffer buffer = this.channel.unsafe().outboundBuffer();
		return (buffer != null) ? buffer.totalPendingWriteBytes() : 0;
	}

	private long unwrittenBytes() {
		ChannelOutboundBuffer buffer = this.channel.unsafe().outboundBuffer();
		if (buffer == null) {
			return 0;
		}
		long[] bytes = { 0 };
		try {
			buffer.forEachFlushedMessage((message) -> {
				bytes[0] += (message instanceof ByteBuf buf) ? buf.readableBytes() : 0;
				return true;
			});
		}
		catch (Exception ex) {
			return 0;
		}
		return bytes[0];
	}

	/**
	 * Marks the start of a read on the event loop: writes wait for
	 * {@link #readComplete()}.
	 */
	void reading() {
		this.reading = true;
		drainPushes();
	}

	/**
	 * Marks the end of a read on the event loop and flushes what it queued.
	 */
	void readComplete() {
		this.reading = false;
		this.lastReadNanos = System.nanoTime();
		flush();
	}

	/**
	 * Runs a task on the event loop once the client has sent nothing for a moment, so
	 * that the lines it sent before are read and answered first.
	 * @param task what to run
	 */
	void whenQuiet(Runnable task) {
		this.channel.eventLoop().execute(() -> runWhenQuiet(task));
	}

	private void runWhenQuiet(Runnable task) {
		long quietNanos = System.nanoTime() - this.lastReadNanos;
		if (!this.channel.isActive() || quietNanos >= QUIET_NANOS) {
			task.run();
		}
		else {
			this.channel.eventLoop().schedule(() -> runWhenQuiet(task), QUIET_NANOS - quietNanos, TimeUnit.NANOSECONDS);
		}
	}

	/**
	 * Closes the channel once everything written so far has gone out, or after a grace
	 * period if the client does not read it.
	 */
	void closeWhenWritten() {
		this.channel.eventLoop().execute(() -> {
			drainPushes();
			this.channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
			this.channel.eventLoop().schedule(() -> this.channel.close(), CLOSE_GRACE_MILLIS, TimeUnit.MILLISECONDS);
		});
	}

	private static byte[] encode(Object payload) {
		if (payload instanceof byte[] bytes) {
			return bytes;
		}
		return (payload + "\r\n").getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * Closes the channel; the close event follows from the event loop once it is closed.
	 */
	@Override
	public void close() {
		this.channel.close();
	}

	/**
	 * Tells Spring Integration the channel has closed; called once, on the event loop.
	 */
	void closed() {
		super.close();
	}

	/**
	 * Publishes the open event, in which the gateway admits and greets the connection;
	 * lines pushed meanwhile wait until then, so the greeting is always the first line.
	 */
	void opened() {
		publishConnectionOpenEvent();
		this.admitted = true;
		drainAndFlush();
	}

	void failed(Throwable cause) {
		publishConnectionExceptionEvent(cause);
	}

	@Override
	public boolean isOpen() {
		return this.channel.isActive();
	}

	@Override
	public @Nullable Object getPayload() {
		return null;
	}

	@Override
	public void run() {
		// Netty's event loop reads the channel; there is no reader thread to run.
	}

	@Override
	public String getHostName() {
		return getHostAddress();
	}

	@Override
	public String getHostAddress() {
		return this.peer.address();
	}

	@Override
	public int getPort() {
		return this.peer.port();
	}

	@Override
	public String getConnectionId() {
		return this.connectionId;
	}

	@Override
	public String getConnectionFactoryName() {
		return this.factoryName;
	}

	@Override
	public boolean isServer() {
		return true;
	}

	@Override
	public @Nullable Object getDeserializerStateKey() {
		return null;
	}

	@Override
	public @Nullable SSLSession getSslSession() {
		SslHandler ssl = this.channel.pipeline().get(SslHandler.class);
		return (ssl != null) ? ssl.engine().getSession() : null;
	}

}
