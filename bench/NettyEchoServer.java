import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.LineBasedFrameDecoder;

/**
 * Baseline for bench/compare.sh: the least a Netty line server can do, so the ceiling for
 * any Netty-based gateway. It greets each client with one line, like the gateway and the
 * Node.js baseline, then echoes every line back with CRLF.
 *
 * <p>
 * Run as a single-file program on Java 17 or later:
 * {@code java -cp <netty jars> bench/NettyEchoServer.java PORT}. It listens on the loopback
 * address only, with one NIO event loop per available processor (so one when pinned to a
 * single CPU with taskset).
 */
public final class NettyEchoServer {

	private static final int MAX_LINE_LENGTH = 8192;

	private NettyEchoServer() {
	}

	public static void main(String[] args) throws InterruptedException {
		int port = (args.length > 0) ? Integer.parseInt(args[0]) : 8080;
		int threads = Runtime.getRuntime().availableProcessors();
		EventLoopGroup group = new MultiThreadIoEventLoopGroup(threads, NioIoHandler.newFactory());
		try {
			LineEcho echo = new LineEcho();
			Channel server = new ServerBootstrap().group(group)
				.channel(NioServerSocketChannel.class)
				.option(ChannelOption.SO_BACKLOG, 1024)
				.childOption(ChannelOption.TCP_NODELAY, true)
				.childHandler(new ChannelInitializer<SocketChannel>() {

					@Override
					protected void initChannel(SocketChannel channel) {
						// Framing first, then the echo; a new decoder per channel since it
						// holds the partial line.
						channel.pipeline()
							.addLast(new LineBasedFrameDecoder(MAX_LINE_LENGTH))
							.addLast(echo);
					}

				})
				.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))
				.sync()
				.channel();
			System.err.printf("netty echo server listening on port %d with %d event loop(s)%n", port, threads);
			server.closeFuture().sync();
		}
		finally {
			group.shutdownGracefully();
		}
	}

	/**
	 * Writes each framed line back with CRLF and flushes once per read batch, so lines that
	 * arrived together leave in one write.
	 */
	@Sharable
	static final class LineEcho extends ChannelInboundHandlerAdapter {

		private static final ByteBuf GREETING = Unpooled.unreleasableBuffer(
				Unpooled.copiedBuffer("Mensagem do servidor!\r\n", StandardCharsets.US_ASCII).asReadOnly());

		private static final short CRLF = ('\r' << 8) | '\n';

		@Override
		public void channelActive(ChannelHandlerContext ctx) {
			ctx.writeAndFlush(GREETING.duplicate());
		}

		@Override
		public void channelRead(ChannelHandlerContext ctx, Object msg) {
			ByteBuf line = (ByteBuf) msg;
			try {
				ByteBuf reply = ctx.alloc().ioBuffer(line.readableBytes() + 2);
				reply.writeBytes(line).writeShort(CRLF);
				ctx.write(reply, ctx.voidPromise());
			}
			finally {
				line.release();
			}
		}

		@Override
		public void channelReadComplete(ChannelHandlerContext ctx) {
			ctx.flush();
		}

		@Override
		public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
			// A client reset or an overlong line ends that connection only.
			ctx.close();
		}

	}

}
