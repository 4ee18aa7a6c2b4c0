package io.tcpgateway.support;

import java.util.regex.Pattern;

/**
 * One server behind {@link HaproxyServer}: its {@code host:port}, the PROXY protocol
 * header haproxy sends it, and whether haproxy health-checks it.
 *
 * @param address the server as {@code host:port}
 * @param proxyProtocol the header sent at the start of each connection
 * @param healthCheck whether haproxy checks the server, sending the same header
 */
public record HaproxyBackend(String address, ProxyProtocol proxyProtocol, boolean healthCheck) {

	private static final Pattern HOST_PORT = Pattern.compile("[^\\s:]+:\\d{1,5}");

	public HaproxyBackend {
		if (!HOST_PORT.matcher(address).matches()) {
			throw new IllegalArgumentException("not host:port: " + address);
		}
	}

	public static HaproxyBackend of(String host, int port, ProxyProtocol proxyProtocol) {
		return new HaproxyBackend(host + ":" + port, proxyProtocol, false);
	}

	public HaproxyBackend withHealthCheck() {
		return new HaproxyBackend(this.address, this.proxyProtocol, true);
	}

	String serverOptions() {
		String options = this.proxyProtocol.serverOption();
		if (this.healthCheck) {
			options += " check inter 1s" + ((this.proxyProtocol != ProxyProtocol.NONE) ? " check-send-proxy" : "");
		}
		return options.trim();
	}

	/**
	 * The PROXY protocol header haproxy sends a backend.
	 */
	public enum ProxyProtocol {

		/** No header: the backend sees haproxy's address. */
		NONE(""),

		/** The text header, {@code PROXY TCP4 src dst sport dport\r\n}. */
		V1("send-proxy"),

		/** The binary header that starts with {@code \r\n\r\n\0\r\nQUIT\n}. */
		V2("send-proxy-v2");

		private final String serverOption;

		ProxyProtocol(String serverOption) {
			this.serverOption = serverOption;
		}

		String serverOption() {
			return this.serverOption;
		}

	}

}
