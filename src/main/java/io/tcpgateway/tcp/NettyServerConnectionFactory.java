package io.tcpgateway.tcp;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.AttributeKey;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import org.jspecify.annotations.Nullable;

import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;

/**
 * A Spring Integration server connection factory on Netty: one listening socket, a few
 * event loop threads for every connection, and one {@link NettyConnection} per channel,
 * so that {@code Tcp.inboundAdapter} and {@code Tcp.outboundAdapter} work on it
 * unchanged.
 */
public final class NettyServerConnectionFactory extends AbstractServerConnectionFactory {

	private static final AttributeKey<NettyConnection> CONNECTION = AttributeKey.valueOf("gateway.connection");

	private final TcpPipeline pipeline;

	private final int ioThreads;

	private final WriteBufferWaterMark waterMark;

	private final ChannelGroup channels = new DefaultChannelGroup("tcp-gateway", GlobalEventExecutor.INSTANCE);

	private final AtomicLong ids = new AtomicLong();

	private volatile @Nullable EventLoopGroup acceptor;

	private volatile @Nullable EventLoopGroup workers;

	private volatile @Nullable Channel serverChannel;

	private volatile int boundPort;

	/**
	 * Creates a factory.
	 * @param port the port to listen on; 0 picks a free one
	 * @param ioThreads the event loop threads; 0 means one per core
	 * @param maxPendingOutput the most bytes waiting to be written to one client
	 * @param pipeline builds each channel's pipeline
	 */
	NettyServerConnectionFactory(int port, int ioThreads, long maxPendingOutput, TcpPipeline pipeline) {
		super(port);
		this.ioThreads = ioThreads;
		int high = (int) Math.min(Integer.MAX_VALUE, maxPendingOutput);
		this.waterMark = new WriteBufferWaterMark(high / 2, high);
		this.pipeline = pipeline;
		setTaskExecutor(Runnable::run);
	}

	@Override
	public void run() {
		EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("tcp-accept", true),
				NioIoHandler.newFactory());
		EventLoopGroup io = new MultiThreadIoEventLoopGroup(this.ioThreads, new DefaultThreadFactory("tcp-io", true),
				NioIoHandler.newFactory());
		this.acceptor = boss;
		this.workers = io;
		ServerBootstrap bootstrap = new ServerBootstrap().group(boss, io)
			.channel(NioServerSocketChannel.class)
			.option(ChannelOption.SO_BACKLOG, getBacklog())
			.option(ChannelOption.SO_REUSEADDR, true)
			.childOption(ChannelOption.TCP_NODELAY, true)
			.childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, this.waterMark)
			// Fairness: one busy client gets a few reads of at most 16 KiB a turn, so the
			// other channels of its event loop wait for little.
			.childOption(ChannelOption.MAX_MESSAGES_PER_READ, 4)
			.childOption(ChannelOption.RCVBUF_ALLOCATOR, new AdaptiveRecvByteBufAllocator(64, 2048, 16 * 1024))
			.childHandler(new ChannelInitializer<SocketChannel>() {

				@Override
				protected void initChannel(SocketChannel channel) {
					NettyServerConnectionFactory.this.pipeline.build(channel.pipeline(),
							new LineBatchHandler(NettyServerConnectionFactory.this::open));
				}

			});
		if (getSoSendBufferSize() > 0) {
			bootstrap.childOption(ChannelOption.SO_SNDBUF, getSoSendBufferSize());
		}
		if (getSoReceiveBufferSize() > 0) {
			bootstrap.childOption(ChannelOption.SO_RCVBUF, getSoReceiveBufferSize());
		}
		String host = getLocalAddress();
		InetSocketAddress address = (host != null) ? new InetSocketAddress(host, super.getPort())
				: new InetSocketAddress(super.getPort());
		try {
			Channel server = bootstrap.bind(address).syncUninterruptibly().channel();
			this.serverChannel = server;
			this.boundPort = ((InetSocketAddress) server.localAddress()).getPort();
			setListening(true);
			publishServerListeningEvent(this.boundPort);
		}
		catch (Exception ex) {
			shutDownGroups();
			setActive(false);
			publishServerExceptionEvent(ex);
		}
	}

	private NettyConnection open(Channel channel) {
		InetSocketAddress remote = (InetSocketAddress) channel.remoteAddress();
		String id = remote.getAddress().getHostAddress() + ":" + remote.getPort() + ":" + this.boundPort + ":"
				+ this.ids.incrementAndGet();
		NettyConnection connection = new NettyConnection(channel, id, getApplicationEventPublisher(),
				getComponentName(), this.waterMark.high());
		channel.attr(CONNECTION).set(connection);
		this.channels.add(channel);
		connection.registerListener(getListener());
		connection.registerSenders(getSenders());
		return connection;
	}

	@Override
	public int getPort() {
		return (this.boundPort > 0) ? this.boundPort : super.getPort();
	}

	@Override
	public List<String> getOpenConnectionIds() {
		List<String> ids = new ArrayList<>();
		for (Channel channel : this.channels) {
			NettyConnection connection = channel.attr(CONNECTION).get();
			if (connection != null) {
				ids.add(connection.getConnectionId());
			}
		}
		return ids;
	}

	@Override
	public boolean closeConnection(String connectionId) {
		for (Channel channel : this.channels) {
			NettyConnection connection = channel.attr(CONNECTION).get();
			if (connection != null && connection.getConnectionId().equals(connectionId)) {
				channel.close();
				return true;
			}
		}
		return false;
	}

	/**
	 * Stops accepting connections; the open ones are left alone.
	 */
	@Override
	public int beforeShutdown() {
		super.beforeShutdown();
		Channel server = this.serverChannel;
		if (server != null) {
			server.close().syncUninterruptibly();
		}
		setListening(false);
		return 0;
	}

	@Override
	public void stop() {
		setActive(false);
		Channel server = this.serverChannel;
		this.serverChannel = null;
		if (server != null) {
			server.close().syncUninterruptibly();
		}
		setListening(false);
		this.channels.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
		shutDownGroups();
		this.boundPort = 0;
	}

	private void shutDownGroups() {
		for (EventLoopGroup group : new EventLoopGroup[] { this.acceptor, this.workers }) {
			if (group != null) {
				group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
			}
		}
		this.acceptor = null;
		this.workers = null;
	}

}
