package io.tcpgateway.admin;

import io.tcpgateway.connection.ConnectionRegistry;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;

/**
 * The {@code tcpServer} health component: up only while the TCP server is listening,
 * because the application keeps running after its server socket is gone.
 */
final class TcpServerHealthIndicator implements HealthIndicator {

	private final AbstractServerConnectionFactory server;

	private final ConnectionRegistry registry;

	TcpServerHealthIndicator(AbstractServerConnectionFactory server, ConnectionRegistry registry) {
		this.server = server;
		this.registry = registry;
	}

	@Override
	public Health health() {
		Health.Builder health = this.server.isListening() ? Health.up() : Health.down();
		return health.withDetail("port", this.server.getPort())
			.withDetail("openConnections", this.registry.count())
			.withDetail("maxConnections", this.registry.maxConnections())
			.build();
	}

}
