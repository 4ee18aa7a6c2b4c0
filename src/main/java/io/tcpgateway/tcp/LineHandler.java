package io.tcpgateway.tcp;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.tcpgateway.connection.Connection;
import io.tcpgateway.connection.ConnectionRegistry;
import io.tcpgateway.protocol.Kind;
import io.tcpgateway.protocol.LineProcessor;

import org.springframework.integration.ip.IpHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHandler;

/**
 * The end of the inbound flow: hands each line of a batch to the protocol, in order, on
 * the connection's event loop, and times it.
 */
final class LineHandler implements MessageHandler {

	private final ConnectionRegistry registry;

	private final LineProcessor processor;

	private final Map<Kind, Timer> timers = new EnumMap<>(Kind.class);

	LineHandler(ConnectionRegistry registry, LineProcessor processor, MeterRegistry meters) {
		this.registry = registry;
		this.processor = processor;
		for (Kind kind : Kind.values()) {
			if (kind == Kind.IGNORED) {
				continue;
			}
			this.timers.put(kind,
					Timer.builder("tcp.line.processing")
						.description("Time to process one line from a client")
						.tag("kind", kind.label())
						.register(meters));
		}
	}

	@Override
	public void handleMessage(Message<?> message) {
		Connection connection = this.registry.get((String) message.getHeaders().get(IpHeaders.CONNECTION_ID));
		if (connection == null) {
			return;
		}
		LineBatch batch = (LineBatch) message.getPayload();
		connection.received(batch.lines().size(), batch.bytes());
		for (String line : batch.lines()) {
			if (connection.closeReason() != null) {
				return;
			}
			long start = System.nanoTime();
			Kind kind = this.processor.process(connection.session(), line);
			if (kind != Kind.IGNORED) {
				this.timers.get(kind).record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
			}
		}
	}

}
