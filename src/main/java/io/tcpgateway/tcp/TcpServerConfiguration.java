package io.tcpgateway.tcp;

import java.time.Clock;
import java.util.concurrent.Executor;

import io.micrometer.core.instrument.MeterRegistry;
import io.tcpgateway.GatewayProperties;
import io.tcpgateway.chat.ChatRoom;
import io.tcpgateway.connection.ConnectionRegistry;
import io.tcpgateway.connection.ErrorType;
import io.tcpgateway.connection.EventLog;
import io.tcpgateway.connection.OutboxSettings;
import io.tcpgateway.connection.Traffic;
import io.tcpgateway.protocol.Errors;
import io.tcpgateway.protocol.LineProcessor;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.context.LifecycleProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.ip.dsl.Tcp;
import org.springframework.integration.ip.dsl.TcpNetServerConnectionFactorySpec;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;
import org.springframework.integration.ip.tcp.serializer.ByteArrayCrLfSerializer;
import org.springframework.integration.support.IdGenerators;
import org.springframework.messaging.MessageChannel;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.util.IdGenerator;

/**
 * The TCP server: one connection factory shared by an inbound adapter, whose lines go to
 * the protocol, and an outbound adapter, which writes every line the gateway sends.
 */
@Configuration(proxyBeanMethods = false)
class TcpServerConfiguration {

	@Bean
	TcpNetServerConnectionFactorySpec tcpServer(GatewayProperties properties, LineDeserializer lineDeserializer,
			@Qualifier("tcpReaderThreads") Executor readerThreads) {
		GatewayProperties.Tcp tcp = properties.tcp();
		return Tcp.netServer(tcp.port())
			.connectionSupport(new LineConnectionSupport(tcp.maxLineLength()))
			.deserializer(lineDeserializer)
			.serializer(new ByteArrayCrLfSerializer())
			.mapper(new LineMessageMapper())
			.soTcpNoDelay(true)
			.backlog(tcp.backlog())
			.taskExecutor(readerThreads);
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
	 * random UUID for every message, two per line here.
	 * @return the id generator
	 */
	@Bean
	IdGenerator messageIdGenerator() {
		return new IdGenerators.SimpleIncrementingIdGenerator();
	}

	@Bean
	LineDeserializer lineDeserializer() {
		return new LineDeserializer();
	}

	@Bean
	Executor tcpReaderThreads() {
		return ConnectionThreads.executor("tcp-read-");
	}

	@Bean
	Executor tcpWriterThreads() {
		return ConnectionThreads.executor("tcp-write-");
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
	ChatRoom chatRoom() {
		return new ChatRoom();
	}

	@Bean
	LineProcessor lineProcessor(ChatRoom chatRoom, ConnectionRegistry registry, GatewayProperties properties) {
		return new LineProcessor(chatRoom, registry::count, Errors
			.of(() -> registry.traffic().error(ErrorType.PROTOCOL), () -> registry.traffic().error(ErrorType.FLOOD)),
				properties.chat().maxLinesPerSecond());
	}

	@Bean
	LineHandler lineHandler(ConnectionRegistry registry, LineProcessor lineProcessor, MeterRegistry meters) {
		return new LineHandler(registry, lineProcessor, meters);
	}

	@Bean
	ConnectionControl connectionControl(AbstractServerConnectionFactory tcpServer,
			@Qualifier("toClients") MessageChannel toClients, ConnectionRegistry registry, EventLog eventLog,
			@Qualifier("tcpWriterThreads") Executor writerThreads, GatewayProperties properties) {
		OutboxSettings outboxSettings = new OutboxSettings(writerThreads,
				properties.tcp().maxPendingOutput().toBytes());
		return new ConnectionControl(tcpServer, toClients, registry, eventLog, outboxSettings, properties);
	}

	@Bean
	TcpEventListener tcpEventListener(ConnectionControl control, ConnectionRegistry registry, EventLog eventLog,
			LineProcessor lineProcessor, GatewayProperties properties) {
		return new TcpEventListener(control, registry, eventLog, lineProcessor, properties);
	}

	@Bean
	IdleSweeper idleSweeper(ConnectionRegistry registry, ConnectionControl control, EventLog eventLog,
			TaskScheduler taskScheduler, GatewayProperties properties) {
		return new IdleSweeper(registry, control, eventLog, taskScheduler, properties.tcp().idleTimeout());
	}

	@Bean
	TcpServerLifecycle tcpServerLifecycle(AbstractServerConnectionFactory tcpServer, ConnectionRegistry registry,
			EventLog eventLog, GatewayProperties properties, LifecycleProperties lifecycle) {
		return new TcpServerLifecycle(tcpServer, registry, eventLog, properties,
				lifecycle.getTimeoutPerShutdownPhase());
	}

}
