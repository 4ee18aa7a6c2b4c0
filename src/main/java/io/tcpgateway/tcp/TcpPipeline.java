package io.tcpgateway.tcp;

import java.util.function.Function;

import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.handler.codec.haproxy.HAProxyMessageDecoder;
import io.tcpgateway.connection.AddressBlocks;
import io.tcpgateway.connection.EventLog;
import org.jspecify.annotations.Nullable;

/**
 * Every connection's pipeline, top to bottom the way a line travels: PROXY protocol
 * header, TLS, telnet filter, line framing, and the handler that hands lines to Spring
 * Integration.
 */
final class TcpPipeline {

	private final int maxLineLength;

	private final @Nullable AddressBlocks proxies;

	private final @Nullable TlsContext tls;

	private final EventLog events;

	/**
	 * Creates the builder.
	 * @param maxLineLength the longest line
	 * @param proxies the trusted proxies when every connection starts with a PROXY
	 * protocol header, else {@code null}
	 * @param tls the TLS listener's context, or {@code null} without one
	 * @param events where refusals at the edge are recorded
	 */
	TcpPipeline(int maxLineLength, @Nullable AddressBlocks proxies, @Nullable TlsContext tls, EventLog events) {
		this.maxLineLength = maxLineLength;
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
		pipeline.addLast("telnet", new TelnetFilter());
		pipeline.addLast("framing", new LineBasedFrameDecoder(this.maxLineLength, true, true));
		pipeline.addLast("lines", new LineBatchHandler(opener, gates));
	}

}
