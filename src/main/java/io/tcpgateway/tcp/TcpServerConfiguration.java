package io.tcpgateway.tcp;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;
import io.tcpgateway.GatewayProperties;
import io.tcpgateway.chat.ChatRoom;
import io.tcpgateway.chat.RoomLink;
import io.tcpgateway.connection.ConnectionRegistry;
import io.tcpgateway.connection.Doorkeeper;
import io.tcpgateway.connection.ErrorType;
import io.tcpgateway.connection.EventLog;
import io.tcpgateway.connection.OtherNodes;
import io.tcpgateway.connection.Traffic;
import io.tcpgateway.protocol.Errors;
import io.tcpgateway.protocol.LineProcessor;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.context.LifecycleProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.ip.dsl.Tcp;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;
import org.springframework.integration.support.IdGenerators;
import org.springframework.messaging.MessageChannel;
import org.springframework.util.IdGenerator;

/**
 * The TCP server: one Netty connection factory shared by an inbound adapter, whose lines
 * go to the protocol, and an outbound adapter, which writes every line the gateway sends.
 */
@Configuration(proxyBeanMethods = false)
class TcpServerConfiguration {

	@Bean
	NettyServerConnectionFactory tcpServer(GatewayProperties properties) {
		GatewayProperties.Tcp tcp = properties.tcp();
		NettyServerConnectionFactory server = new NettyServerConnectionFactory(tcp.port(), ioThreads(tcp),
				tcp.maxPendingOutput().toBytes(), new TcpPipeline(tcp.maxLineLength(), tcp.idleTimeout()));
		server.setBacklog(tcp.backlog());
		return server;
	}

	private static int ioThreads(GatewayProperties.Tcp tcp) {
		return (tcp.ioThreads() > 0) ? tcp.ioThreads() : Runtime.getRuntime().availableProcessors();
	}

	@Bean
	IntegrationFlow tcpInboundFlow(AbstractServerConnectionFactory tcpServer, LineHandler lineHandler) {
		return IntegrationFlow.from(Tcp.inboundAdapter(tcpServer).id("tcpInboundAdapter")).handle(lineHandler).get();
	}

	@Bean
	MessageChannel toClients() {
		return new DirectChannel();
	}

	@Bean
	IntegrationFlow tcpOutboundFlow(AbstractServerConnectionFactory tcpServer) {
		return IntegrationFlow.from("toClients")
			.handle(Tcp.outboundAdapter(tcpServer), (endpoint) -> endpoint.id("tcpOutboundAdapter"))
			.get();
	}

	/**
	 * Message ids from a counter: Spring Integration's documented cheap alternative to a
	 * random UUID for every message.
	 * @return the id generator
	 */
	@Bean
	IdGenerator messageIdGenerator() {
		return new IdGenerators.SimpleIncrementingIdGenerator();
	}

	@Bean
	Traffic traffic() {
		return new Traffic();
	}

	@Bean
	ConnectionRegistry connectionRegistry(GatewayProperties properties, Traffic traffic) {
		return new ConnectionRegistry(properties.tcp().maxConnections(), traffic);
	}

	@Bean
	EventLog eventLog(GatewayProperties properties) {
		return new EventLog(properties.events().capacity(), Clock.systemUTC());
	}

	@Bean
	ChatRoom chatRoom(ObjectProvider<RoomLink> roomLink) {
		return new ChatRoom(roomLink.getIfAvailable(() -> RoomLink.LOCAL));
	}

	@Bean
	LineProcessor lineProcessor(ChatRoom chatRoom, ConnectionRegistry registry, ObjectProvider<OtherNodes> otherNodes,
			GatewayProperties properties) {
		OtherNodes others = otherNodes.getIfAvailable(() -> OtherNodes.NONE);
		return new LineProcessor(chatRoom, () -> registry.count() + others.connections(), Errors
			.of(() -> registry.traffic().error(ErrorType.PROTOCOL), () -> registry.traffic().error(ErrorType.FLOOD)),
				properties.chat().maxLinesPerSecond());
	}

	@Bean
	Doorkeeper doorkeeper(ConnectionRegistry registry, EventLog eventLog, LineProcessor lineProcessor,
			GatewayProperties properties, MeterRegistry meters) {
		GatewayProperties.Tcp tcp = properties.tcp();
		Doorkeeper.Settings settings = new Doorkeeper.Settings(properties.greeting(), properties.defaultMode(),
				tcp.maxLineLength(), tcp.idleTimeout(), tcp.maxPendingOutput().toBytes());
		return new Doorkeeper(registry, eventLog, lineProcessor, settings, meters);
	}

	@Bean
	LineHandler lineHandler(Doorkeeper doorkeeper) {
		return new LineHandler(doorkeeper);
	}

	@Bean
	TcpEventListener tcpEventListener(@Qualifier("toClients") MessageChannel toClients, Doorkeeper doorkeeper) {
		return new TcpEventListener(toClients, doorkeeper);
	}

	@Bean
	TcpServerLifecycle tcpServerLifecycle(AbstractServerConnectionFactory tcpServer, ConnectionRegistry registry,
			EventLog eventLog, GatewayProperties properties, LifecycleProperties lifecycle) {
		return new TcpServerLifecycle(tcpServer, registry, eventLog, properties,
				lifecycle.getTimeoutPerShutdownPhase());
	}

}
