package io.tcpgateway.udp;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.tcpgateway.connection.AddressBlocks;
import io.tcpgateway.connection.Alarms;
import io.tcpgateway.connection.AuditTrail;
import io.tcpgateway.settings.GatewayProperties;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.ip.IpHeaders;
import org.springframework.integration.ip.dsl.Udp;
import org.springframework.integration.ip.udp.UdpServerListeningEvent;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * Alarms over UDP: a listener on {@code gateway.udp.alarm-port}, opened only with a
 * secret, whose datagrams become alarms.
 */
@Configuration(proxyBeanMethods = false)
class UdpAlarmConfiguration {

	private static final Log logger = LogFactory.getLog(UdpAlarmConfiguration.class);

	/** How many datagrams may wait for the checks; more are dropped as busy. */
	static final int QUEUE = 1024;

	// Said once per start, where an operator who set the port looks for it.
	UdpAlarmConfiguration(GatewayProperties properties) {
		String closed = properties.udp().closedBecause();
		if (closed != null) {
			logger.warn("UDP alarm port " + properties.udp().alarmPort() + " not opened: " + closed
					+ "; a datagram must be signed with it to raise an alarm (README, \"Alarms over UDP\")");
		}
	}

	/**
	 * The listener and its checks, when the port is set and the secret good.
	 */
	@Configuration(proxyBeanMethods = false)
	@Conditional(AlarmPortOpens.class)
	static class Listener {

		@Bean
		AlarmReceiver alarmReceiver(GatewayProperties properties, Alarms alarms, AuditTrail auditTrail,
				MeterRegistry meters) {
			GatewayProperties.Udp udp = properties.udp();
			AlarmReceiver.Settings settings = new AlarmReceiver.Settings(AddressBlocks.of(udp.alarmSources()),
					properties.tcp().maxLineLength(), udp.alarmRatePerSource(), udp.alarmWindow().toSeconds());
			return new AlarmReceiver(settings, new AlarmSigner(udp.alarmSecret()), alarms, auditTrail, meters,
					Clock.systemUTC(), System::nanoTime);
		}

		// Bound here, not when the adapter starts, so that a taken port stops the start
		// with its reason instead of leaving the gateway without its alarm port.
		@Bean(destroyMethod = "close")
		DatagramSocket udpAlarmSocket(GatewayProperties properties) {
			GatewayProperties.Udp udp = properties.udp();
			InetSocketAddress address = udp.alarmAddress().isEmpty() ? new InetSocketAddress(udp.alarmPort())
					: new InetSocketAddress(udp.alarmAddress(), udp.alarmPort());
			try {
				return new DatagramSocket(address);
			}
			catch (IOException ex) {
				throw new IllegalStateException("cannot listen on UDP port " + udp.alarmPort() + ": " + ex.getMessage(),
						ex);
			}
		}

		// One thread receives, one checks: the receiving thread only hands datagrams
		// over, so a slow alarm (a cluster's Redis) never stops it, and the queue between
		// them is bounded.
		@Bean(destroyMethod = "shutdownNow")
		ExecutorService udpAlarmWorkers(AlarmReceiver receiver) {
			return new ThreadPoolExecutor(2, 2, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUE),
					new CustomizableThreadFactory("udp-alarms-"), (task, pool) -> receiver.busy());
		}

		@Bean
		IntegrationFlow udpAlarmFlow(GatewayProperties properties, DatagramSocket udpAlarmSocket,
				ExecutorService udpAlarmWorkers, AlarmReceiver receiver) {
			return IntegrationFlow.from(Udp.inboundAdapter(udpAlarmSocket.getLocalPort())
				.socket(udpAlarmSocket)
				// One byte more than the limit, so that a longer datagram shows as one.
				.receiveBufferSize(properties.tcp().maxLineLength() + 1)
				.taskExecutor(udpAlarmWorkers)
				.id("udpAlarmAdapter"))
				.handle((message) -> receiver.receive(
						message.getHeaders().get(IpHeaders.PACKET_ADDRESS, InetSocketAddress.class),
						(byte[]) message.getPayload()))
				.get();
		}

		@Bean
		ApplicationListener<UdpServerListeningEvent> udpAlarmListening(GatewayProperties properties) {
			return (event) -> logger.info(
					"UDP alarm port listening on " + event.getPort() + ", sources " + properties.udp().alarmSources());
		}

	}

	/**
	 * Matches when the alarm port is set and its secret good enough to open it.
	 */
	static class AlarmPortOpens extends SpringBootCondition {

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			GatewayProperties.Udp udp = Binder.get(context.getEnvironment())
				.bindOrCreate("gateway.udp", GatewayProperties.Udp.class);
			if (!udp.opens()) {
				String closed = udp.closedBecause();
				return ConditionOutcome.noMatch((closed != null) ? closed : "gateway.udp.alarm-port is not set");
			}
			return ConditionOutcome.match("gateway.udp.alarm-port is set with a secret");
		}

	}

}
