package io.tcpgateway.connection;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;
import io.tcpgateway.settings.GatewayProperties;
import io.tcpgateway.chat.ChatRoom;
import io.tcpgateway.chat.RemoteRooms;
import io.tcpgateway.protocol.Errors;
import io.tcpgateway.protocol.LineProcessor;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What every door shares: the registry of open connections, the event log, the protocol
 * and chat room behind it, and the doorkeeper that applies the rules.
 */
@Configuration(proxyBeanMethods = false)
class ConnectionConfiguration {

	@Bean
	Traffic traffic() {
		return new Traffic();
	}

	@Bean
	ConnectionRegistry connectionRegistry(GatewayProperties properties, Traffic traffic) {
		return new ConnectionRegistry(properties.tcp().maxConnections(), properties.tcp().maxConnectionsPerAddress(),
				traffic);
	}

	@Bean
	EventLog eventLog(GatewayProperties properties) {
		return new EventLog(properties.events().capacity(), Clock.systemUTC());
	}

	@Bean
	ChatRoom chatRoom(ObjectProvider<RemoteRooms> remoteRooms) {
		return new ChatRoom(remoteRooms.getIfAvailable(() -> RemoteRooms.NONE), new RoomDelivery());
	}

	@Bean
	LineProcessor lineProcessor(ChatRoom chatRoom, ConnectionRegistry registry, ObjectProvider<OtherNodes> otherNodes,
			RecentAlarms recentAlarms, GatewayProperties properties) {
		OtherNodes others = otherNodes.getIfAvailable(() -> OtherNodes.NONE);
		return new LineProcessor(chatRoom, () -> registry.count() + others.connections(),
				Errors.of(() -> registry.traffic().error(ErrorType.PROTOCOL),
						() -> registry.traffic().error(ErrorType.FLOOD)),
				properties.chat().maxLinesPerSecond(), recentAlarms);
	}

	@Bean
	IdleSweep idleSweep(Doorkeeper doorkeeper, GatewayProperties properties) {
		return new IdleSweep(doorkeeper, properties.tcp().idleTimeout());
	}

	@Bean
	AuditTrail auditTrail(EventLog eventLog) {
		return new AuditTrail(eventLog);
	}

	@Bean
	RecentAlarms recentAlarms(GatewayProperties properties) {
		return new RecentAlarms(properties.alarms().history());
	}

	@Bean
	Alarms alarms(ConnectionRegistry registry, RecentAlarms recentAlarms, ObjectProvider<AlarmLog> alarmLog,
			ObjectProvider<OtherNodes> otherNodes, GatewayProperties properties) {
		return new Alarms(registry, recentAlarms, alarmLog.getIfAvailable(),
				otherNodes.getIfAvailable(() -> OtherNodes.NONE), properties.tcp().maxLineLength(), Clock.systemUTC());
	}

	@Bean
	Doorkeeper doorkeeper(ConnectionRegistry registry, EventLog eventLog, LineProcessor lineProcessor,
			GatewayProperties properties, MeterRegistry meters) {
		GatewayProperties.Tcp tcp = properties.tcp();
		Doorkeeper.Settings settings = new Doorkeeper.Settings(properties.greeting(), properties.defaultMode(),
				tcp.maxLineLength(), tcp.idleTimeout(), tcp.maxPendingOutput().toBytes());
		return new Doorkeeper(registry, eventLog, lineProcessor, settings, meters);
	}

}
