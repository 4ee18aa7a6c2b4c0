package io.tcpgateway.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy on a free loopback port in front of one server, that a test can cut (every
 * connection closed, new ones refused) and restore on the same port: a network outage
 * between one client and its server, while the server runs on for everyone else.
 */
public final class TcpProxy implements AutoCloseable {

	private final int port;

	private final int targetPort;

	private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();

	private volatile ServerSocket listener;

	private TcpProxy(int port, int targetPort) {
		this.port = port;
		this.targetPort = targetPort;
	}

	/**
	 * Starts a proxy to a server on loopback.
	 * @param targetPort the server's port
	 * @return the running proxy
	 */
	public static TcpProxy to(int targetPort) {
		TcpProxy proxy = new TcpProxy(FreePorts.loopback(), targetPort);
		proxy.restore();
		return proxy;
	}

	public int port() {
		return this.port;
	}

	/**
	 * Closes every connection through the proxy and stops listening: connecting is
	 * refused until {@link #restore()}.
	 */
	public void cut() {
		ServerSocket current = this.listener;
		this.listener = null;
		closeQuietly(current);
		for (Socket socket : this.sockets) {
			closeQuietly(socket);
		}
		this.sockets.clear();
	}

	/**
	 * Listens again on the same port.
	 */
	public void restore() {
		try {
			ServerSocket server = new ServerSocket();
			server.setReuseAddress(true);
			server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), this.port));
			this.listener = server;
			Thread acceptor = new Thread(() -> accept(server), "tcp-proxy-" + this.port);
			acceptor.setDaemon(true);
			acceptor.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void close() {
		cut();
	}

	private void accept(ServerSocket server) {
		while (!server.isClosed()) {
			Socket client;
			try {
				client = server.accept();
			}
			catch (IOException ex) {
				// closed by cut()
				continue;
			}
			try {
				Socket target = new Socket(InetAddress.getLoopbackAddress(), this.targetPort);
				this.sockets.add(client);
				this.sockets.add(target);
				if (this.listener != server) {
					// cut while this connection was being made
					closeQuietly(client);
					closeQuietly(target);
					return;
				}
				pipe(client, target);
				pipe(target, client);
			}
			catch (IOException ex) {
				// the server refused: the client sees its connection end
				closeQuietly(client);
			}
		}
	}

	private void pipe(Socket from, Socket to) {
		Thread thread = new Thread(() -> {
			byte[] buffer = new byte[8192];
			try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
				for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
					out.write(buffer, 0, n);
					out.flush();
				}
			}
			catch (IOException ex) {
				// one side closed
			}
			finally {
				closeQuietly(from);
				closeQuietly(to);
				this.sockets.remove(from);
				this.sockets.remove(to);
			}
		}, "tcp-proxy-pipe-" + this.port);
		thread.setDaemon(true);
		thread.start();
	}

	private static void closeQuietly(AutoCloseable closeable) {
		if (closeable != null) {
			try {
				closeable.close();
			}
			catch (Exception ex) {
				// already closed
			}
		}
	}

}
