import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.ChannelMatchers;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.util.AttributeKey;
import io.netty.util.concurrent.GlobalEventExecutor;

/**
 * Chat anchor for bench/compare.sh: the chat room on Netty the way its own examples do it,
 * a {@link ChannelGroup} of members and {@code group.writeAndFlush} of one encoded buffer
 * for each relay. It speaks the part of the gateway's protocol the load generator uses: a
 * greeting line, {@code /mode chat} answered {@code OK mode chat, you are guestN},
 * {@code * guestN joined} to the others, and each chat line relayed as
 * {@code <guestN> text}. The operator alarm, {@code POST /actuator/broadcast} with
 * {@code {"message": "..."}}, comes in on the JDK's HTTP server and goes to every
 * connection as {@code ! message}.
 *
 * <p>
 * Run as a single-file program on Java 17 or later:
 * {@code java -cp <netty jars> bench/NettyChatServer.java PORT HTTP_PORT}. It listens on the
 * loopback address only, with one NIO event loop per available processor.
 */
public final class NettyChatServer {

	private static final int MAX_LINE_LENGTH = 8192;

	private static final Pattern MESSAGE = Pattern.compile("\"message\"\\s*:\\s*\"([^\"\\\\\\r\\n]+)\"");

	private NettyChatServer() {
	}

	public static void main(String[] args) throws InterruptedException, IOException {
		int port = (args.length > 0) ? Integer.parseInt(args[0]) : 8080;
		int httpPort = (args.length > 1) ? Integer.parseInt(args[1]) : 8081;
		int threads = Runtime.getRuntime().availableProcessors();
		EventLoopGroup group = new MultiThreadIoEventLoopGroup(threads, NioIoHandler.newFactory());
		try {
			Room room = new Room();
			Channel server = new ServerBootstrap().group(group)
				.channel(NioServerSocketChannel.class)
				.option(ChannelOption.SO_BACKLOG, 1024)
				.childOption(ChannelOption.TCP_NODELAY, true)
				.childHandler(new ChannelInitializer<SocketChannel>() {

					@Override
					protected void initChannel(SocketChannel channel) {
						channel.pipeline().addLast(new LineBasedFrameDecoder(MAX_LINE_LENGTH)).addLast(room);
					}

				})
				.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))
				.sync()
				.channel();
			alarms(httpPort, room.everyone);
			System.err.printf("netty chat server listening on port %d with %d event loop(s), alarms on http port %d%n",
					port, threads, httpPort);
			server.closeFuture().sync();
		}
		finally {
			group.shutdownGracefully();
		}
	}

	// The alarm endpoint: one small handler on the JDK's HTTP server, off the event loops.
	private static void alarms(int port, ChannelGroup everyone) throws IOException {
		HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
		http.createContext("/actuator/broadcast", (exchange) -> {
			try (exchange) {
				String body;
				try (InputStream in = exchange.getRequestBody()) {
					body = new String(in.readNBytes(MAX_LINE_LENGTH), StandardCharsets.UTF_8);
				}
				Matcher message = MESSAGE.matcher(body);
				if (!"POST".equals(exchange.getRequestMethod()) || !message.find()) {
					exchange.sendResponseHeaders(400, -1);
					return;
				}
				int recipients = everyone.size();
				everyone.writeAndFlush(Unpooled.copiedBuffer("! " + message.group(1) + "\r\n", StandardCharsets.UTF_8));
				respond(exchange, "{\"recipients\":" + recipients + ",\"nodes\":1}");
			}
		});
		http.start();
	}

	private static void respond(HttpExchange exchange, String json) throws IOException {
		byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(200, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	/**
	 * The room: greets each connection, lets it join with {@code /mode chat}, and relays
	 * each member's lines to every other member with one buffer for all.
	 */
	@Sharable
	static final class Room extends SimpleChannelInboundHandler<ByteBuf> {

		private static final AttributeKey<String> NAME = AttributeKey.valueOf("name");

		private static final ByteBuf GREETING = Unpooled.unreleasableBuffer(
				Unpooled.copiedBuffer("Mensagem do servidor!\r\n", StandardCharsets.US_ASCII).asReadOnly());

		// Both groups drop a channel by themselves once it closes.
		final ChannelGroup everyone = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);

		private final ChannelGroup members = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);

		private final AtomicInteger guests = new AtomicInteger();

		@Override
		public void channelActive(ChannelHandlerContext ctx) {
			this.everyone.add(ctx.channel());
			ctx.writeAndFlush(GREETING.duplicate());
		}

		@Override
		protected void channelRead0(ChannelHandlerContext ctx, ByteBuf line) {
			Channel channel = ctx.channel();
			int end = line.writerIndex();
			if (end > line.readerIndex() && line.getByte(end - 1) == '\r') {
				end--;
			}
			if (end == line.readerIndex()) {
				return;
			}
			String name = channel.attr(NAME).get();
			if (name == null) {
				join(ctx, line.toString(line.readerIndex(), end - line.readerIndex(), StandardCharsets.UTF_8));
				return;
			}
			// One buffer, "<name> text\r\n", that the group hands to every other member as a
			// retained duplicate.
			ByteBuf relay = ctx.alloc().ioBuffer(name.length() + 3 + end - line.readerIndex() + 2);
			relay.writeByte('<');
			ByteBufUtil.writeUtf8(relay, name);
			relay.writeByte('>').writeByte(' ');
			relay.writeBytes(line, line.readerIndex(), end - line.readerIndex());
			relay.writeByte('\r').writeByte('\n');
			this.members.writeAndFlush(relay, ChannelMatchers.isNot(channel));
		}

		private void join(ChannelHandlerContext ctx, String line) {
			if (!"/mode chat".equals(line)) {
				ctx.writeAndFlush(Unpooled.copiedBuffer("ERR only /mode chat here\r\n", StandardCharsets.US_ASCII));
				return;
			}
			String name = "guest" + this.guests.incrementAndGet();
			ctx.channel().attr(NAME).set(name);
			ctx.writeAndFlush(Unpooled.copiedBuffer("OK mode chat, you are " + name + "\r\n", StandardCharsets.UTF_8));
			// Notice and membership in one step, so each member hears of exactly those who
			// joined after it.
			synchronized (this.members) {
				this.members.writeAndFlush(Unpooled.copiedBuffer("* " + name + " joined\r\n", StandardCharsets.UTF_8));
				this.members.add(ctx.channel());
			}
		}

		@Override
		public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
			// A client reset or an overlong line ends that connection only.
			ctx.close();
		}

	}

}
