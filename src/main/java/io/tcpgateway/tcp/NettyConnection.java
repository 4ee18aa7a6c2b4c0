package io.tcpgateway.tcp;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.net.ssl.SSLSession;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.handler.ssl.SslHandler;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.integration.ip.tcp.connection.TcpConnectionSupport;
import org.springframework.messaging.Message;

/**
 * One Netty channel as a Spring Integration connection: the outbound adapter writes to
 * it, and its lines reach the inbound adapter through the listener.
 *
 * <p>
 * Writes never block. On the channel's event loop during a read they are only queued, and
 * the read's end flushes them all at once; from other threads they are handed to the
 * event loop, and a burst of them shares one flush.
 */
final class NettyConnection extends TcpConnectionSupport {

	/** How long a last line may take to be read before the connection closes anyway. */
	static final long CLOSE_GRACE_MILLIS = 3000;

	private static final byte[] CRLF = { '\r', '\n' };

	private final Channel channel;

	private final String connectionId;

	private final String factoryName;

	private final int flushThreshold;

	private final long maxPendingOutput;

	private boolean overflowed;

	private final AtomicBoolean flushScheduled = new AtomicBoolean();

	private boolean reading;

	NettyConnection(Channel channel, String connectionId, @Nullable ApplicationEventPublisher publisher,
			String factoryName, long maxPendingOutput) {
		super(publisher);
		this.channel = channel;
		this.connectionId = connectionId;
		this.factoryName = factoryName;
		this.maxPendingOutput = maxPendingOutput;
		this.flushThreshold = (int) Math.max(1024, Math.min(64 * 1024, maxPendingOutput / 4));
	}

	Channel channel() {
		return this.channel;
	}

	@Override
	public void send(Message<?> message) {
		ByteBuf bytes = encode(message.getPayload());
		if (!this.channel.eventLoop().inEventLoop()) {
			// The write and the decision to flush happen on the event loop, so the flush
			// task is always queued after the write: a flush queued from here could run
			// before a write queued just after it, and leave that write unflushed.
			this.channel.eventLoop().execute(() -> {
				this.channel.write(bytes, this.channel.voidPromise());
				if (this.flushScheduled.compareAndSet(false, true)) {
					this.channel.eventLoop().execute(this::scheduledFlush);
				}
			});
			return;
		}
		this.channel.write(bytes, this.channel.voidPromise());
		if (!this.reading || pendingBytes() >= this.flushThreshold) {
			flush();
		}
	}

	private void scheduledFlush() {
		this.flushScheduled.set(false);
		flush();
	}

	/**
	 * Flushes on the event loop, then checks that the client keeps up: what the socket
	 * did not take stays in the channel, and more of it than the limit closes the
	 * connection.
	 */
	void flush() {
		this.channel.flush();
		if (!this.channel.isWritable() && !this.overflowed && unwrittenBytes() > this.maxPendingOutput) {
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
	}

	/**
	 * Marks the end of a read on the event loop and flushes what it queued.
	 */
	void readComplete() {
		this.reading = false;
		flush();
	}

	/**
	 * Closes the channel once everything written so far has gone out, or after a grace
	 * period if the client does not read it.
	 */
	void closeWhenWritten() {
		this.channel.eventLoop().execute(() -> {
			this.channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
			this.channel.eventLoop().schedule(() -> this.channel.close(), CLOSE_GRACE_MILLIS, TimeUnit.MILLISECONDS);
		});
	}

	private static ByteBuf encode(Object payload) {
		if (payload instanceof byte[] bytes) {
			return Unpooled.wrappedBuffer(bytes);
		}
		return Unpooled.wrappedBuffer(payload.toString().getBytes(StandardCharsets.UTF_8), CRLF);
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

	void opened() {
		publishConnectionOpenEvent();
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
		SocketAddress remote = this.channel.remoteAddress();
		return (remote instanceof InetSocketAddress inet) ? inet.getAddress().getHostAddress() : String.valueOf(remote);
	}

	@Override
	public int getPort() {
		SocketAddress remote = this.channel.remoteAddress();
		return (remote instanceof InetSocketAddress inet) ? inet.getPort() : 0;
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
