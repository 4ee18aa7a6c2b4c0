package io.tcpgateway.tcp;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
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
import io.tcpgateway.connection.Peer;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;

/**
 * A Spring Integration server connection factory on Netty: a plain listening socket and,
 * with TLS, a second one, a few event loop threads for every connection, and one
 * {@link NettyConnection} per channel, so that {@code Tcp.inboundAdapter} and
 * {@code Tcp.outboundAdapter} work on it unchanged.
 */
public final class NettyServerConnectionFactory extends AbstractServerConnectionFactory implements SmartLifecycle {

	private static final AttributeKey<NettyConnection> CONNECTION = AttributeKey.valueOf("gateway.connection");

	private final TcpPipeline pipeline;

	private final int ioThreads;

	private final int tlsPort;

	private final WriteBufferWaterMark waterMark;

	private final ChannelGroup channels = new DefaultChannelGroup("tcp-gateway", GlobalEventExecutor.INSTANCE);

	private final AtomicLong ids = new AtomicLong();

	private final Map<EventLoop, LoopLane> lanes = new ConcurrentHashMap<>();

	private volatile @Nullable EventLoopGroup acceptor;

	private volatile @Nullable EventLoopGroup workers;

	private volatile @Nullable Channel serverChannel;

	private volatile @Nullable Channel tlsServerChannel;

	private volatile int boundPort;

	private volatile int boundTlsPort;

	/**
	 * Creates a factory.
	 * @param port the port to listen on; 0 picks a free one
	 * @param tlsPort the TLS port, used when the pipeline has TLS; 0 picks a free one
	 * @param ioThreads the event loop threads; 0 means one per core
	 * @param maxPendingOutput the most bytes waiting to be written to one client
	 * @param pipeline builds each channel's pipeline
	 */
	NettyServerConnectionFactory(int port, int tlsPort, int ioThreads, long maxPendingOutput, TcpPipeline pipeline) {
		super(port);
		this.tlsPort = tlsPort;
		this.ioThreads = ioThreads;
		int high = (int) Math.min(Integer.MAX_VALUE, maxPendingOutput);
		this.waterMark = new WriteBufferWaterMark(high / 2, high);
		this.pipeline = pipeline;
		setTaskExecutor(Runnable::run);
	}

	/**
	 * Never started on its own, nor as a dependency of an earlier bean: only the adapters
	 * start it, in their phase.
	 * @return false
	 */
	@Override
	public boolean isAutoStartup() {
		return false;
	}

	@Override
	public int getPhase() {
		return TcpServerLifecycle.ADAPTER_PHASE;
	}

	@Override
	public void run() {
		EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("tcp-accept", true),
				NioIoHandler.newFactory());
		EventLoopGroup io = new MultiThreadIoEventLoopGroup(this.ioThreads, new DefaultThreadFactory("tcp-io", true),
				NioIoHandler.newFactory());
		this.acceptor = boss;
		this.workers = io;
		String host = getLocalAddress();
		try {
			Channel server = bind(boss, io, Listener.PLAIN, host, super.getPort());
			this.serverChannel = server;
			this.boundPort = ((InetSocketAddress) server.localAddress()).getPort();
			if (this.pipeline.hasTls()) {
				Channel tls = bind(boss, io, Listener.TLS, host, this.tlsPort);
				this.tlsServerChannel = tls;
				this.boundTlsPort = ((InetSocketAddress) tls.localAddress()).getPort();
			}
			setListening(true);
			publishServerListeningEvent(this.boundPort);
		}
		catch (Exception ex) {
			closeServerChannels();
			shutDownGroups();
			setActive(false);
			publishServerExceptionEvent(ex);
		}
	}

	private Channel bind(EventLoopGroup boss, EventLoopGroup io, Listener listener, @Nullable String host, int port) {
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
					NettyServerConnectionFactory.this.channels.add(channel);
					NettyServerConnectionFactory.this.pipeline.build(channel, listener,
							(opened) -> open(opened, listener));
				}

			});
		if (getSoSendBufferSize() > 0) {
			bootstrap.childOption(ChannelOption.SO_SNDBUF, getSoSendBufferSize());
		}
		if (getSoReceiveBufferSize() > 0) {
			bootstrap.childOption(ChannelOption.SO_RCVBUF, getSoReceiveBufferSize());
		}
		InetSocketAddress address = (host != null) ? new InetSocketAddress(host, port) : new InetSocketAddress(port);
		try {
			return bootstrap.bind(address).syncUninterruptibly().channel();
		}
		catch (Exception ex) {
			if (listener == Listener.TLS) {
				// the startup failure names the plain port; say which port failed
				throw new IllegalStateException("TLS port " + port + ": " + ex.getMessage(), ex);
			}
			throw ex;
		}
	}

	private NettyConnection open(Channel channel, Listener listener) {
		Peer peer = Origin.peer(channel, listener);
		int localPort = ((InetSocketAddress) channel.localAddress()).getPort();
		String id = peer.remote() + ":" + localPort + ":" + this.ids.incrementAndGet();
		LoopLane lane = this.lanes.computeIfAbsent(channel.eventLoop(), LoopLane::new);
		NettyConnection connection = new NettyConnection(channel, peer, id, getApplicationEventPublisher(),
				getComponentName(), lane, this.waterMark.high());
		channel.attr(CONNECTION).set(connection);
		connection.registerListener(getListener());
		connection.registerSenders(getSenders());
		return connection;
	}

	@Override
	public int getPort() {
		return (this.boundPort > 0) ? this.boundPort : super.getPort();
	}

	/**
	 * The port the TLS listener is bound to.
	 * @return the port, or 0 when there is no TLS listener or it is not bound
	 */
	public int getTlsPort() {
		return this.boundTlsPort;
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
		closeServerChannels();
		setListening(false);
		return 0;
	}

	@Override
	public void stop() {
		setActive(false);
		closeServerChannels();
		setListening(false);
		this.channels.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
		shutDownGroups();
		this.lanes.clear();
		this.boundPort = 0;
		this.boundTlsPort = 0;
	}

	private void closeServerChannels() {
		for (Channel server : new Channel[] { this.serverChannel, this.tlsServerChannel }) {
			if (server != null) {
				server.close().syncUninterruptibly();
			}
		}
		this.serverChannel = null;
		this.tlsServerChannel = null;
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
