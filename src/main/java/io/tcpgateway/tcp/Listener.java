package io.tcpgateway.tcp;

/**
 * The two doors of the TCP server: the plain port and the TLS port, each named as the
 * connection list shows its transport.
 */
enum Listener {

	PLAIN("tcp"), TLS("tls");

	private final String transport;

	Listener(String transport) {
		this.transport = transport;
	}

	String transport() {
		return this.transport;
	}

}
