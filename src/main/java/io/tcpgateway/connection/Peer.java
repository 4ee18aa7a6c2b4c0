package io.tcpgateway.connection;

import org.jspecify.annotations.Nullable;

/**
 * Where a connection comes from: its door, the client's own address, and the proxy it
 * came through, if any.
 *
 * @param transport the door: {@code tcp}, {@code tls} or {@code websocket}
 * @param address the client's address
 * @param port the client's port
 * @param proxy the proxy's {@code address:port} when the client came through one, else
 * {@code null}
 * @param clientCertificate the subject of the certificate the client presented over TLS,
 * else {@code null}
 */
public record Peer(String transport, String address, int port, @Nullable String proxy,
		@Nullable String clientCertificate) {

	public Peer(String transport, String address, int port, @Nullable String proxy) {
		this(transport, address, port, proxy, null);
	}

	/**
	 * The client's address and port, as logged.
	 * @return {@code address:port}
	 */
	public String remote() {
		return (this.address.indexOf(':') >= 0) ? "[" + this.address + "]:" + this.port
				: this.address + ":" + this.port;
	}

}
