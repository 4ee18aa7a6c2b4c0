package io.tcpgateway.tcp;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.handler.codec.haproxy.HAProxyMessageDecoder;
import io.netty.handler.timeout.IdleStateHandler;
import io.tcpgateway.connection.AddressBlocks;
import io.tcpgateway.connection.EventLog;
import org.jspecify.annotations.Nullable;

/**
 * Every connection's pipeline, top to bottom the way a line travels: PROXY protocol
 * header, TLS, idle tracking, telnet filter, line framing, and the handler that hands
 * lines to Spring Integration.
 */
final class TcpPipeline {

	private final int maxLineLength;

	private final Duration idleTimeout;

	private final @Nullable AddressBlocks proxies;

	private final @Nullable TlsContext tls;

	private final EventLog events;

	/**
	 * Creates the builder.
	 * @param maxLineLength the longest line
	 * @param idleTimeout how long a connection may send nothing; zero means never
	 * @param proxies the trusted proxies when every connection starts with a PROXY
	 * protocol header, else {@code null}
	 * @param tls the TLS listener's context, or {@code null} without one
	 * @param events where refusals at the edge are recorded
	 */
	TcpPipeline(int maxLineLength, Duration idleTimeout, @Nullable AddressBlocks proxies, @Nullable TlsContext tls,
			EventLog events) {
		this.maxLineLength = maxLineLength;
		this.idleTimeout = idleTimeout;
		this.proxies = proxies;
		this.tls = tls;
		this.events = events;
	}

	boolean hasTls() {
		return this.tls != null;
	}

	void build(Channel channel, Listener listener, Function<Channel, NettyConnection> opener) {
		ChannelPipeline pipeline = channel.pipeline();
		int gates = 0;
		if (this.proxies != null) {
			pipeline.addLast("proxy-decoder", new HAProxyMessageDecoder());
			pipeline.addLast("proxy", new ProxyHeaderHandler(this.proxies, this.events));
			gates++;
		}
		if (listener == Listener.TLS && this.tls != null) {
			pipeline.addLast("tls", this.tls.newHandler(channel.alloc()));
			pipeline.addLast("tls-handshake", new TlsHandshakeHandler(this.events));
			gates++;
		}
		if (!this.idleTimeout.isZero()) {
			pipeline.addLast("idle", new IdleStateHandler(this.idleTimeout.toMillis(), 0, 0, TimeUnit.MILLISECONDS));
		}
		pipeline.addLast("telnet", new TelnetFilter());
		pipeline.addLast("framing", new LineBasedFrameDecoder(this.maxLineLength, true, true));
		pipeline.addLast("lines", new LineBatchHandler(opener, gates));
	}

}
