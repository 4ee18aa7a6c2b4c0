package io.tcpgateway.tcp;

import io.tcpgateway.connection.AddressBlocks;
import io.tcpgateway.settings.GatewayProperties;
import io.tcpgateway.connection.ConnectionRegistry;
import io.tcpgateway.connection.Doorkeeper;
import io.tcpgateway.connection.EventLog;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.context.LifecycleProperties;
import org.springframework.boot.ssl.SslBundles;
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
 * The TCP server: one Netty connection factory, listening on the plain port and the TLS
 * port, shared by an inbound adapter, whose lines go to the protocol, and an outbound
 * adapter, which writes every line the gateway sends.
 */
@Configuration(proxyBeanMethods = false)
class TcpServerConfiguration {

	@Bean
	NettyServerConnectionFactory tcpServer(GatewayProperties properties, EventLog eventLog, SslBundles sslBundles) {
		GatewayProperties.Tcp tcp = properties.tcp();
		GatewayProperties.Tls tls = properties.tls();
		AddressBlocks proxies = tcp.proxyProtocol() ? AddressBlocks.of(tcp.proxyProtocolTrusted()) : null;
		TlsContext tlsContext = tls.enabled() ? TlsContext.of(sslBundles, tls) : null;
		TcpPipeline pipeline = new TcpPipeline(tcp.maxLineLength(), proxies, tlsContext, eventLog);
		NettyServerConnectionFactory server = new NettyServerConnectionFactory(tcp.port(), tls.port(), ioThreads(tcp),
				tcp.maxPendingOutput().toBytes(), pipeline);
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

	/**
	 * The outbound adapter starts the connection factory too. At a consumer's default
	 * phase, the earliest, it would open the port before the rest of the gateway has
	 * started, the cluster's subscriber included; in the inbound adapter's phase it opens
	 * the port with it.
	 * @param tcpServer the connection factory
	 * @return the flow
	 */
	@Bean
	IntegrationFlow tcpOutboundFlow(AbstractServerConnectionFactory tcpServer) {
		return IntegrationFlow.from("toClients")
			.handle(Tcp.outboundAdapter(tcpServer),
					(endpoint) -> endpoint.id("tcpOutboundAdapter").phase(TcpServerLifecycle.ADAPTER_PHASE))
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
	LineHandler lineHandler(Doorkeeper doorkeeper) {
		return new LineHandler(doorkeeper);
	}

	@Bean
	TcpEventListener tcpEventListener(@Qualifier("toClients") MessageChannel toClients, Doorkeeper doorkeeper) {
		return new TcpEventListener(toClients, doorkeeper);
	}

	@Bean
	TcpServerLifecycle tcpServerLifecycle(NettyServerConnectionFactory tcpServer, ConnectionRegistry registry,
			EventLog eventLog, GatewayProperties properties, LifecycleProperties lifecycle) {
		return new TcpServerLifecycle(tcpServer, registry, eventLog, properties,
				lifecycle.getTimeoutPerShutdownPhase());
	}

}
