package io.tcpgateway.tcp;

import java.net.InetSocketAddress;

import io.netty.channel.Channel;
import io.netty.util.AttributeKey;
import io.tcpgateway.connection.Peer;
import org.jspecify.annotations.Nullable;

/**
 * What the edge of the pipeline learns about a channel before it opens: the real client
 * behind a proxy, the proxy itself, and the subject of a client certificate.
 */
final class Origin {

	/** The client named by a PROXY protocol header. */
	static final AttributeKey<InetSocketAddress> CLIENT = AttributeKey.valueOf("gateway.client");

	/** The proxy that sent the header. */
	static final AttributeKey<InetSocketAddress> PROXY = AttributeKey.valueOf("gateway.proxy");

	/** The subject of the certificate the client presented over TLS. */
	static final AttributeKey<String> CERTIFICATE = AttributeKey.valueOf("gateway.certificate");

	/** Set once the edge has refused the channel, so it is recorded only once. */
	static final AttributeKey<Boolean> REFUSED = AttributeKey.valueOf("gateway.refused");

	private Origin() {
	}

	/**
	 * The client's own address: from the PROXY header if there was one, else the socket.
	 * @param channel the channel
	 * @return the address
	 */
	static InetSocketAddress client(Channel channel) {
		InetSocketAddress client = channel.attr(CLIENT).get();
		return (client != null) ? client : (InetSocketAddress) channel.remoteAddress();
	}

	/**
	 * The client's address and port, as events show them.
	 * @param channel the channel
	 * @return {@code address:port}
	 */
	static String remote(Channel channel) {
		if (channel.attr(CLIENT).get() == null && !(channel.remoteAddress() instanceof InetSocketAddress)) {
			return String.valueOf(channel.remoteAddress());
		}
		return peer(channel, Listener.PLAIN).remote();
	}

	/**
	 * Where the channel comes from, for the registry.
	 * @param channel the channel
	 * @param listener the door it came through
	 * @return the peer
	 */
	static Peer peer(Channel channel, Listener listener) {
		InetSocketAddress client = client(channel);
		InetSocketAddress proxy = channel.attr(PROXY).get();
		return new Peer(listener.transport(), client.getAddress().getHostAddress(), client.getPort(),
				(proxy != null) ? hostPort(proxy) : null, channel.attr(CERTIFICATE).get());
	}

	private static String hostPort(InetSocketAddress address) {
		String host = address.getAddress().getHostAddress();
		return ((host.indexOf(':') >= 0) ? "[" + host + "]" : host) + ":" + address.getPort();
	}

	/**
	 * Marks the channel refused at the edge.
	 * @param channel the channel
	 * @return {@code true} the first time
	 */
	static boolean refuse(Channel channel) {
		return channel.attr(REFUSED).setIfAbsent(Boolean.TRUE) == null;
	}

	static boolean refused(@Nullable Channel channel) {
		return channel != null && channel.attr(REFUSED).get() != null;
	}

}
