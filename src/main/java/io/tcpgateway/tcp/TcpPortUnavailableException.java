package io.tcpgateway.tcp;

/**
 * The TCP server could not listen on its port, so the gateway must not start.
 */
final class TcpPortUnavailableException extends RuntimeException {

	private final int port;

	TcpPortUnavailableException(int port, String reason) {
		super("cannot listen on TCP port " + port + ": " + reason);
		this.port = port;
	}

	int port() {
		return this.port;
	}

}
