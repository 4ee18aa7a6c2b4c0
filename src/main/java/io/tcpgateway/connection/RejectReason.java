package io.tcpgateway.connection;

/**
 * Why a new connection was refused; the {@code reason} tag of
 * {@code tcp.connections.rejected}.
 */
public enum RejectReason {

	/** The server had its most connections open. */
	SERVER_FULL("server-full"),

	/** The client's address had its most connections open. */
	PER_ADDRESS("per-address");

	private final String label;

	RejectReason(String label) {
		this.label = label;
	}

	/**
	 * The tag value.
	 * @return the kebab-case name
	 */
	public String label() {
		return this.label;
	}

}
