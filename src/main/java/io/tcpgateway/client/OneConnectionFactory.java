package io.tcpgateway.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.springframework.integration.ip.tcp.connection.TcpConnectionSupport;
import org.springframework.integration.ip.tcp.connection.TcpNetClientConnectionFactory;

/**
 * A client connection factory that connects only once.
 *
 * <p>
 * A client session is one connection: after the server hangs up, a send must fail rather
 * than quietly dial again and be greeted by a new session.
 */
final class OneConnectionFactory extends TcpNetClientConnectionFactory {

	private final AtomicBoolean connected = new AtomicBoolean();

	OneConnectionFactory(String host, int port) {
		super(host, port);
	}

	@Override
	protected TcpConnectionSupport buildNewConnection() {
		if (this.connected.getAndSet(true)) {
			throw new UncheckedIOException(new IOException("connection closed"));
		}
		return super.buildNewConnection();
	}

}
