package io.tcpgateway.support;

import java.util.List;

/**
 * The haproxy configuration text for {@link HaproxyServer}: one TCP frontend, least
 * connections, timeouts long enough for an idle chat.
 */
final class HaproxyConfig {

	private HaproxyConfig() {
	}

	static String render(int port, List<HaproxyBackend> backends) {
		if (backends.isEmpty()) {
			throw new IllegalArgumentException("haproxy needs at least one backend");
		}
		StringBuilder config = new StringBuilder();
		config.append("""
				global
				    log stdout format raw local0 info

				defaults
				    mode tcp
				    log global
				    option tcplog
				    timeout connect 5s
				    timeout client 1h
				    timeout server 1h
				    timeout tunnel 1h

				frontend gateway
				    bind %s:%d
				    default_backend gateways

				backend gateways
				    balance leastconn
				""".formatted(HaproxyServer.HOST, port));
		for (int i = 0; i < backends.size(); i++) {
			HaproxyBackend backend = backends.get(i);
			config.append("    server gateway").append(i + 1).append(' ').append(backend.address());
			String options = backend.serverOptions();
			if (!options.isEmpty()) {
				config.append(' ').append(options);
			}
			config.append('\n');
		}
		return config.toString();
	}

}
