package io.tcpgateway.tcp;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.tcpgateway.connection.Connection;
import org.jspecify.annotations.Nullable;

import org.springframework.integration.ip.tcp.connection.TcpListener;
import org.springframework.messaging.support.GenericMessage;

/**
 * The last handler of the pipeline: opens the Spring Integration connection of a channel
 * once the edge has let it through, hands the inbound adapter each read's lines as one
 * message, and turns the channel's events into Spring Integration's.
 *
 * <p>
 * The edge is a PROXY protocol header to accept and a TLS handshake to complete, as the
 * listener requires; until both have passed, the channel is not a connection: no open
 * event, no greeting, no place in the registry.
 */
final class LineBatchHandler extends ChannelInboundHandlerAdapter {

	/** The most lines in one message, so a long read is processed in steps. */
	static final int MAX_BATCH = 256;

	private final Function<io.netty.channel.Channel, NettyConnection> opener;

	private List<String> lines = new ArrayList<>();

	private int bytes;

	private @Nullable NettyConnection connection;

	private boolean rejecting;

	private int gates;

	/**
	 * Creates the handler for one channel.
	 * @param opener makes the channel's connection
	 * @param gates how many edge events to wait for before opening: a PROXY header
	 * accepted, a TLS handshake completed
	 */
	LineBatchHandler(Function<io.netty.channel.Channel, NettyConnection> opener, int gates) {
		this.opener = opener;
		this.gates = gates;
	}

	@Override
	public void channelActive(ChannelHandlerContext ctx) {
		if (this.gates == 0) {
			open(ctx);
		}
		ctx.fireChannelActive();
	}

	private void open(ChannelHandlerContext ctx) {
		if (!(ctx.channel().remoteAddress() instanceof InetSocketAddress)) {
			// reset before it could be served: nothing to open, only a socket to close
			ctx.close();
			return;
		}
		if (this.connection == null && ctx.channel().isActive()) {
			NettyConnection opened = this.opener.apply(ctx.channel());
			this.connection = opened;
			opened.opened();
		}
	}

	private void passed(ChannelHandlerContext ctx) {
		if (--this.gates == 0) {
			open(ctx);
		}
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) {
		ByteBuf line = (ByteBuf) msg;
		try {
			if (this.rejecting || this.connection == null) {
				return;
			}
			int wireBytes = line.readableBytes() + 1;
			while (line.isReadable() && line.getByte(line.writerIndex() - 1) == '\r') {
				line.writerIndex(line.writerIndex() - 1);
			}
			if (this.lines.isEmpty()) {
				this.connection.reading();
			}
			this.lines.add(line.toString(StandardCharsets.UTF_8));
			this.bytes += wireBytes;
			if (this.lines.size() >= MAX_BATCH) {
				dispatch();
			}
		}
		finally {
			line.release();
		}
	}

	@Override
	public void channelReadComplete(ChannelHandlerContext ctx) {
		dispatch();
		if (this.connection != null) {
			this.connection.readComplete();
		}
		ctx.fireChannelReadComplete();
	}

	@Override
	public void channelInactive(ChannelHandlerContext ctx) {
		this.lines.clear();
		if (this.connection != null) {
			this.connection.closed();
		}
		ctx.fireChannelInactive();
	}

	@Override
	public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
		if (event == ProxyHeaderAccepted.INSTANCE
				|| (event instanceof SslHandshakeCompletionEvent handshake && handshake.isSuccess())) {
			passed(ctx);
		}
		ctx.fireUserEventTriggered(event);
	}

	@Override
	public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
		dispatch();
		if (this.connection == null) {
			ctx.close();
			return;
		}
		if (this.rejecting || !ctx.channel().isActive() || cause instanceof ClosedChannelException) {
			return;
		}
		if (cause instanceof TooLongFrameException) {
			// the gateway answers with a notice and closes; ignore the rest meanwhile
			this.rejecting = true;
			this.connection.failed(cause);
			return;
		}
		this.connection.failed(cause);
		ctx.close();
	}

	private void dispatch() {
		NettyConnection open = this.connection;
		if (this.lines.isEmpty() || open == null) {
			return;
		}
		Connection admitted = open.admittedAs();
		if (admitted == null) {
			// refused, and closing: its lines go nowhere
			this.lines.clear();
			this.bytes = 0;
			return;
		}
		LineBatch batch = new LineBatch(this.lines, this.bytes, admitted);
		this.lines = new ArrayList<>();
		this.bytes = 0;
		TcpListener listener = open.getListener();
		if (listener != null) {
			listener.onMessage(new GenericMessage<>(batch, open.headers()));
		}
	}

}
