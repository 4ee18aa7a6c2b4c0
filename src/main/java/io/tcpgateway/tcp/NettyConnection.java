package io.tcpgateway.tcp;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;

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
 * One Netty channel as a Spring Integration connection: the outbound adapter writes the
 * replies to its lines, and its lines reach the inbound adapter through the listener.
 *
 * <p>
 * Writes never block. During a read the replies are only queued, and the read's end
 * flushes them at once. Every byte not yet written counts against one budget, the
 * channel's own outbound buffer, checked in constant time after each flush.
 */
final class NettyConnection extends TcpConnectionSupport {

	/** How long a last line may take to be read before the connection closes anyway. */
	static final long CLOSE_GRACE_MILLIS = 3000;

	private final Channel channel;

	private final Peer peer;

	private final String connectionId;

	private final Map<String, Object> headers;

	private final String factoryName;

	private final LoopLane lane;

	private final int flushThreshold;

	private final long maxPendingOutput;

	// Touched only on the event loop.
	private boolean overflowed;

	private boolean reading;

	private boolean written;

	private boolean closing;

	private @Nullable Connection admittedAs;

	NettyConnection(Channel channel, Peer peer, String connectionId, @Nullable ApplicationEventPublisher publisher,
			String factoryName, LoopLane lane, long maxPendingOutput) {
		super(publisher);
		this.channel = channel;
		this.peer = peer;
		this.connectionId = connectionId;
		this.headers = Map.of(IpHeaders.CONNECTION_ID, connectionId);
		this.factoryName = factoryName;
		this.lane = lane;
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

	LoopLane lane() {
		return this.lane;
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

	/**
	 * Writes the replies to a batch of lines, after every line its lane holds.
	 */
	@Override
	public void send(Message<?> message) {
		byte[] bytes = encode(message.getPayload());
		if (!this.channel.eventLoop().inEventLoop()) {
			this.channel.eventLoop().execute(() -> reply(bytes));
			return;
		}
		reply(bytes);
	}

	private void reply(byte[] bytes) {
		this.lane.drain();
		if (!this.channel.isActive()) {
			return;
		}
		this.channel.write(Unpooled.wrappedBuffer(bytes), this.channel.voidPromise());
		if (!this.reading || pendingBytes() >= this.flushThreshold) {
			flush();
		}
	}

	/**
	 * Writes a line of the lane without flushing; on the event loop.
	 * @param line the shared line, duplicated for this channel
	 * @return {@code false} if the channel is closed or closing, and nothing was written
	 */
	boolean write(ByteBuf line) {
		if (this.closing || !this.channel.isActive()) {
			return false;
		}
		this.channel.write(line.retainedDuplicate(), this.channel.voidPromise());
		return true;
	}

	/**
	 * Marks the channel as written to by the lane's current task.
	 * @return {@code true} if it was marked already
	 */
	boolean markWritten() {
		boolean was = this.written;
		this.written = true;
		return was;
	}

	/**
	 * Flushes what the lane's task wrote.
	 */
	void flushWritten() {
		this.written = false;
		flush();
	}

	/**
	 * Flushes what the lane's task wrote, unless it was flushed since it was marked.
	 */
	void flushIfMarked() {
		if (this.written) {
			flushWritten();
		}
	}

	/**
	 * Flushes on the event loop, then checks that the client keeps up: what the socket
	 * did not take stays in the channel, and more of it than the limit closes the
	 * connection.
	 */
	private void flush() {
		this.channel.flush();
		if (pendingBytes() > this.maxPendingOutput) {
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

	/**
	 * Marks the start of a read on the event loop: the lane's lines go first, and replies
	 * wait for {@link #readComplete()}.
	 */
	void reading() {
		this.reading = true;
		this.lane.drain();
	}

	/**
	 * Marks the end of a read on the event loop and flushes what it queued.
	 */
	void readComplete() {
		this.reading = false;
		Connection admitted = this.admittedAs;
		if (admitted != null) {
			admitted.touched();
		}
		flush();
	}

	void autoRead(boolean on) {
		this.channel.config().setAutoRead(on);
	}

	/**
	 * Closes the channel once everything written so far has gone out, or after a grace
	 * period if the client does not read it; nothing is written after it. On the event
	 * loop.
	 */
	void closeWhenWritten() {
		if (this.closing) {
			return;
		}
		this.closing = true;
		this.channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
		this.channel.eventLoop().schedule(() -> this.channel.close(), CLOSE_GRACE_MILLIS, TimeUnit.MILLISECONDS);
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
	 * Publishes the open event, in which the gateway admits and greets the connection.
	 */
	void opened() {
		publishConnectionOpenEvent();
		flush();
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
