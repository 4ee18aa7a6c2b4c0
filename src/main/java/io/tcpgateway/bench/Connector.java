package io.tcpgateway.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;

import javax.net.ssl.SSLContext;

import org.jspecify.annotations.Nullable;

/**
 * Opens the connections in batches, so the server's accept backlog is not overrun, and
 * waits for each one's greeting line.
 */
final class Connector {

	// A connection stays pending until its greeting arrives, i.e. until the server has
	// really accepted it, not just until the kernel completed the handshake.
	private static final int MAX_PENDING = 200;

	private static final long STALL_NANOS = 10_000_000_000L;

	private Connector() {
	}

	/**
	 * Returns the greeted connections, registered for reads on {@code selector}; the
	 * others are closed and counted in {@code errors}.
	 */
	static List<LoadSocket> open(Selector selector, ByteBuffer buffer, BenchOptions options, LatencyHistogram latencies,
			FailureReport errors) throws IOException {
		InetSocketAddress address = new InetSocketAddress(options.host(), options.port());
		int total = options.connections();
		if (address.isUnresolved()) {
			errors.add(total, "unknown host " + options.host());
			return List.of();
		}
		List<InetSocketAddress> sources = options.sources()
			.stream()
			.map((source) -> new InetSocketAddress(source, 0))
			.toList();
		if (sources.stream().anyMatch(InetSocketAddress::isUnresolved)) {
			errors.add(total, "unknown source address in " + options.sources());
			return List.of();
		}
		// The JDK initialises its socket dispatcher lazily and that needs a spare file
		// descriptor, which may be gone once the connections have used them all.
		SocketChannel.open().close();
		SSLContext tls = options.tls() ? TlsSession.trustingAnyCertificate() : null;
		List<LoadSocket> ready = new ArrayList<>(total);
		int opened = 0;
		int pending = 0;
		long lastProgress = System.nanoTime();
		while (opened < total || pending > 0) {
			for (; pending < MAX_PENDING && opened < total; opened++) {
				try {
					LoadSocket connection = new LoadSocket(opened, options, latencies, tls);
					InetSocketAddress source = sources.isEmpty() ? null : sources.get(opened % sources.size());
					pending += connect(selector, source, address, connection, errors);
				}
				catch (IOException ex) {
					// Typically "Too many open files": later sockets would fail the same
					// way,
					// so carry on with the connections already open.
					errors.add(total - opened, "cannot open socket " + opened + " (check ulimit -n): " + ex);
					opened = total;
				}
			}
			selector.select(100);
			long now = System.nanoTime();
			for (SelectionKey key : selector.selectedKeys()) {
				LoadSocket connection = (LoadSocket) key.attachment();
				boolean wasReady = connection.tracker.greeted();
				try {
					if (key.isConnectable() && connection.channel.finishConnect()) {
						key.interestOps(SelectionKey.OP_READ);
						connection.connected();
					}
					else if (key.isReadable()) {
						connection.read(buffer, now);
					}
					lastProgress = now;
					if (!wasReady && connection.tracker.greeted()) {
						ready.add(connection);
						pending--;
					}
				}
				catch (IOException ex) {
					errors.add("connection " + connection.id + ": " + ex);
					connection.close();
					pending -= wasReady ? 0 : 1;
					ready.remove(connection);
				}
			}
			selector.selectedKeys().clear();
			if (pending > 0 && now - lastProgress > STALL_NANOS) {
				int lost = pending + total - opened;
				errors.add(lost, "no connect or greeting for 10s, giving up on " + lost + " connections");
				selector.keys()
					.stream()
					.map((key) -> (LoadSocket) key.attachment())
					.filter((connection) -> !connection.tracker.greeted())
					.forEach(LoadSocket::close);
				break;
			}
		}
		return ready;
	}

	private static int connect(Selector selector, @Nullable InetSocketAddress source, InetSocketAddress address,
			LoadSocket connection, FailureReport errors) {
		try {
			connection.channel.configureBlocking(false);
			if (source != null) {
				bind(connection, source);
			}
			boolean connected = connection.channel.connect(address);
			connection.channel.register(selector, connected ? SelectionKey.OP_READ : SelectionKey.OP_CONNECT,
					connection);
			if (connected) {
				connection.connected();
			}
			return 1;
		}
		catch (IOException ex) {
			errors.add("connection " + connection.id + ": " + ex);
			connection.close();
			return 0;
		}
	}

	// Binding before connecting takes an ephemeral port of that source address for the
	// socket's lifetime; that is how more than one address's worth of ports gets used.
	private static void bind(LoadSocket connection, InetSocketAddress source) throws IOException {
		try {
			connection.channel.bind(source);
		}
		catch (IOException ex) {
			throw new IOException("cannot bind to " + source.getHostString()
					+ " (ephemeral ports used up? spread over more --sources): " + ex, ex);
		}
	}

}
