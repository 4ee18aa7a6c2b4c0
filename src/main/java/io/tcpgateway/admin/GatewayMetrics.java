package io.tcpgateway.admin;

import java.util.List;
import java.util.function.ToDoubleFunction;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.tcpgateway.connection.CloseReason;
import io.tcpgateway.connection.ConnectionRegistry;
import io.tcpgateway.connection.ErrorType;
import io.tcpgateway.connection.RejectReason;
import io.tcpgateway.connection.Traffic;

import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;

/**
 * The gateway's {@code tcp.*} meters, read from the registry and its traffic totals when
 * scraped, so counting stays a {@code LongAdder} increment on the connection threads.
 */
final class GatewayMetrics implements MeterBinder {

	/** The doors, as {@code Peer.transport()} names them. */
	static final List<String> TRANSPORTS = List.of("tcp", "tls", "websocket");

	private final ConnectionRegistry registry;

	private final AbstractServerConnectionFactory server;

	GatewayMetrics(ConnectionRegistry registry, AbstractServerConnectionFactory server) {
		this.registry = registry;
		this.server = server;
	}

	@Override
	public void bindTo(MeterRegistry meters) {
		Traffic traffic = this.registry.traffic();
		for (String transport : TRANSPORTS) {
			Gauge.builder("tcp.connections.open", this.registry, (open) -> open.count(transport))
				.description("Connections open now, by the door they came through")
				.tag("transport", transport)
				.register(meters);
		}
		// The limit and the listener as meters, so that an alert can compare and watch
		// them.
		Gauge.builder("tcp.connections.max", this.registry, ConnectionRegistry::maxConnections)
			.description("The most connections open at once (gateway.tcp.max-connections)")
			.register(meters);
		Gauge.builder("tcp.server.listening", this.server, (server) -> server.isListening() ? 1 : 0)
			.description("1 while the TCP server listens, 0 once its server socket is gone")
			.register(meters);
		counter(meters, "tcp.connections.opened", "Connections accepted", traffic, Traffic::opened);
		for (RejectReason reason : RejectReason.values()) {
			FunctionCounter.builder("tcp.connections.rejected", traffic, (totals) -> totals.rejected(reason))
				.description("Connections refused, by reason: the server or the client's address was full")
				.tag("reason", reason.label())
				.register(meters);
		}
		for (CloseReason reason : CloseReason.values()) {
			FunctionCounter.builder("tcp.connections.closed", traffic, (totals) -> totals.closed(reason))
				.description("Connections closed, by reason")
				.tag("reason", reason.label())
				.register(meters);
		}
		counter(meters, "tcp.lines.received", "Lines received from clients", traffic, Traffic::linesIn);
		counter(meters, "tcp.lines.sent", "Lines sent to clients", traffic, Traffic::linesOut);
		counter(meters, "tcp.bytes.received", "Bytes received from clients, line endings included", traffic,
				Traffic::bytesIn);
		counter(meters, "tcp.bytes.sent", "Bytes sent to clients, line endings included", traffic, Traffic::bytesOut);
		for (ErrorType type : ErrorType.values()) {
			FunctionCounter.builder("tcp.errors", traffic, (totals) -> totals.errors(type))
				.description("Errors, by type")
				.tag("type", type.label())
				.register(meters);
		}
	}

	private static void counter(MeterRegistry meters, String name, String description, Traffic traffic,
			ToDoubleFunction<Traffic> total) {
		FunctionCounter.builder(name, traffic, total).description(description).register(meters);
	}

}
