package io.tcpgateway.admin;

import io.tcpgateway.connection.Alarms;
import io.tcpgateway.connection.AuditTrail;
import io.tcpgateway.connection.ConnectionRegistry;
import io.tcpgateway.connection.EventLog;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;

/**
 * The operations side of the gateway: health, metrics and the actuator endpoints that
 * list, watch, message and close connections.
 */
@Configuration(proxyBeanMethods = false)
class AdminConfiguration {

	@Bean
	TcpServerHealthIndicator tcpServerHealthIndicator(AbstractServerConnectionFactory tcpServer,
			ConnectionRegistry registry) {
		return new TcpServerHealthIndicator(tcpServer, registry);
	}

	@Bean
	GatewayMetrics gatewayMetrics(ConnectionRegistry registry, AbstractServerConnectionFactory tcpServer) {
		return new GatewayMetrics(registry, tcpServer);
	}

	@Bean
	ConnectionsEndpoint connectionsEndpoint(ConnectionRegistry registry, AuditTrail auditTrail) {
		return new ConnectionsEndpoint(registry, auditTrail);
	}

	@Bean
	ConnectionEventsEndpoint connectionEventsEndpoint(EventLog eventLog) {
		return new ConnectionEventsEndpoint(eventLog);
	}

	@Bean
	BroadcastEndpoint broadcastEndpoint(Alarms alarms, AuditTrail auditTrail) {
		return new BroadcastEndpoint(alarms, auditTrail);
	}

}
