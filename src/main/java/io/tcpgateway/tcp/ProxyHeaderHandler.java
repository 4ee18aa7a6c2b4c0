package io.tcpgateway.tcp;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.haproxy.HAProxyCommand;
import io.netty.handler.codec.haproxy.HAProxyMessage;
import io.netty.handler.codec.haproxy.HAProxyProtocolException;
import io.netty.handler.codec.haproxy.HAProxyProxiedProtocol;
import io.netty.util.NetUtil;
import io.netty.util.concurrent.ScheduledFuture;
import io.tcpgateway.connection.AddressBlocks;
import io.tcpgateway.connection.EventLog;
import io.tcpgateway.connection.EventType;
import org.jspecify.annotations.Nullable;

/**
 * Judges the PROXY protocol header that Netty's {@code HAProxyMessageDecoder} reads: it
 * must come from a trusted proxy within a deadline; then the channel learns its real
 * client, and this handler steps aside.
 *
 * <p>
 * A refused channel is closed without a word and recorded as
 * {@link EventType#PROXY_REJECTED}; it never opens, so it is never greeted or counted.
 */
final class ProxyHeaderHandler extends ChannelInboundHandlerAdapter {

	/** How long a proxy may take to send the header. */
	static final Duration DEADLINE = Duration.ofSeconds(3);

	private final AddressBlocks trusted;

	private final EventLog events;

	private @Nullable ScheduledFuture<?> deadline;

	ProxyHeaderHandler(AddressBlocks trusted, EventLog events) {
		this.trusted = trusted;
		this.events = events;
	}

	@Override
	public void channelActive(ChannelHandlerContext ctx) {
		InetSocketAddress peer = (InetSocketAddress) ctx.channel().remoteAddress();
		if (!this.trusted.contains(peer)) {
			refuse(ctx, "untrusted proxy " + peer.getAddress().getHostAddress());
			return;
		}
		this.deadline = ctx.executor()
			.schedule(() -> refuse(ctx, "no header within " + DEADLINE.toSeconds() + "s"), DEADLINE.toMillis(),
					TimeUnit.MILLISECONDS);
		ctx.fireChannelActive();
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) {
		if (!(msg instanceof HAProxyMessage header)) {
			ctx.fireChannelRead(msg);
			return;
		}
		try {
			accept(ctx, header);
		}
		finally {
			header.release();
		}
	}

	private void accept(ChannelHandlerContext ctx, HAProxyMessage header) {
		cancelDeadline();
		if (Origin.refused(ctx.channel())) {
			return;
		}
		if (header.command() == HAProxyCommand.PROXY && header.proxiedProtocol() != HAProxyProxiedProtocol.UNKNOWN) {
			try {
				ctx.channel().attr(Origin.CLIENT).set(address(header.sourceAddress(), header.sourcePort()));
				ctx.channel().attr(Origin.PROXY).set((InetSocketAddress) ctx.channel().remoteAddress());
			}
			catch (UnknownHostException ex) {
				refuse(ctx, "bad source address " + header.sourceAddress());
				return;
			}
		}
		ctx.pipeline().remove(this);
		ctx.fireUserEventTriggered(ProxyHeaderAccepted.INSTANCE);
	}

	private static InetSocketAddress address(String host, int port) throws UnknownHostException {
		byte[] bytes = NetUtil.createByteArrayFromIpAddressString(host);
		if (bytes == null) {
			throw new UnknownHostException(host);
		}
		return new InetSocketAddress(InetAddress.getByAddress(bytes), port);
	}

	@Override
	public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
		if (cause instanceof HAProxyProtocolException) {
			refuse(ctx, "malformed header: " + innermost(cause).getMessage());
			return;
		}
		ctx.fireExceptionCaught(cause);
	}

	private static Throwable innermost(Throwable cause) {
		Throwable inner = cause;
		while (inner.getCause() != null && inner.getCause() != inner) {
			inner = inner.getCause();
		}
		return inner;
	}

	@Override
	public void channelInactive(ChannelHandlerContext ctx) {
		refuse(ctx, "closed before a header");
		ctx.fireChannelInactive();
	}

	private void refuse(ChannelHandlerContext ctx, String reason) {
		cancelDeadline();
		if (Origin.refuse(ctx.channel())) {
			this.events.record(EventType.PROXY_REJECTED, null, Origin.remote(ctx.channel()), reason);
			ctx.channel().close();
		}
	}

	private void cancelDeadline() {
		ScheduledFuture<?> pending = this.deadline;
		if (pending != null) {
			pending.cancel(false);
			this.deadline = null;
		}
	}

}
