package io.tcpgateway.tcp;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.integration.ip.tcp.connection.TcpNetConnection;
import org.springframework.integration.ip.tcp.connection.TcpNetConnectionSupport;

/**
 * Creates connections whose input is read through a {@link LineReader}: buffered, so the
 * deserializer does not make a system call per byte, and aware of its connection id.
 */
final class LineConnectionSupport implements TcpNetConnectionSupport {

	private final int maxLineLength;

	LineConnectionSupport(int maxLineLength) {
		this.maxLineLength = maxLineLength;
	}

	@Override
	public TcpNetConnection createNewConnection(Socket socket, boolean server, boolean lookupHost,
			@Nullable ApplicationEventPublisher applicationEventPublisher, @Nullable String connectionFactoryName) {
		return new LineConnection(socket, server, lookupHost, applicationEventPublisher, connectionFactoryName,
				this.maxLineLength);
	}

	private static final class LineConnection extends TcpNetConnection {

		private final int maxLineLength;

		private @Nullable LineReader reader;

		LineConnection(Socket socket, boolean server, boolean lookupHost, @Nullable ApplicationEventPublisher publisher,
				@Nullable String factoryName, int maxLineLength) {
			super(socket, server, lookupHost, publisher, factoryName);
			this.maxLineLength = maxLineLength;
		}

		@Override
		protected InputStream inputStream() throws IOException {
			LineReader lines = this.reader;
			if (lines == null) {
				lines = new LineReader(super.inputStream(), getConnectionId(), this.maxLineLength);
				this.reader = lines;
			}
			return lines;
		}

	}

}
