package io.tcpgateway.tcp;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.handler.timeout.IdleStateHandler;

/**
 * Every connection's pipeline, top to bottom the way a line travels: idle tracking,
 * telnet filter, line framing, and the handler that hands lines to Spring Integration.
 */
final class TcpPipeline {

	private final int maxLineLength;

	private final Duration idleTimeout;

	TcpPipeline(int maxLineLength, Duration idleTimeout) {
		this.maxLineLength = maxLineLength;
		this.idleTimeout = idleTimeout;
	}

	void build(ChannelPipeline pipeline, ChannelHandler lines) {
		if (!this.idleTimeout.isZero()) {
			pipeline.addLast("idle", new IdleStateHandler(this.idleTimeout.toMillis(), 0, 0, TimeUnit.MILLISECONDS));
		}
		pipeline.addLast("telnet", new TelnetFilter());
		pipeline.addLast("framing", new LineBasedFrameDecoder(this.maxLineLength, true, true));
		pipeline.addLast("lines", lines);
	}

}
