package io.tcpgateway.tcp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import io.tcpgateway.GatewayProperties;
import io.tcpgateway.connection.CloseReason;
import io.tcpgateway.connection.Connection;
import io.tcpgateway.connection.ConnectionRegistry;
import io.tcpgateway.connection.ErrorType;
import io.tcpgateway.connection.EventLog;
import io.tcpgateway.connection.EventType;
import io.tcpgateway.protocol.LineProcessor;

import org.springframework.context.event.EventListener;
import org.springframework.integration.ip.tcp.connection.TcpConnectionCloseEvent;
import org.springframework.integration.ip.tcp.connection.TcpConnectionExceptionEvent;
import org.springframework.integration.ip.tcp.connection.TcpConnectionOpenEvent;
import org.springframework.integration.ip.tcp.serializer.TcpDeserializationExceptionEvent;
import org.springframework.integration.ip.tcp.serializer.SoftEndOfStreamException;

/**
 * Turns Spring Integration's connection events into the gateway's: registers and greets
 * new connections, refuses them over the limit, and records why each one closed.
 *
 * <p>
 * Open, exception and deserialization events arrive on the connection's own reader
 * thread, so their notices are written inline, before Spring Integration closes the
 * socket.
 */
final class TcpEventListener {

	private final ConnectionControl control;

	private final ConnectionRegistry registry;

	private final EventLog events;

	private final LineProcessor processor;

	private final String greeting;

	TcpEventListener(ConnectionControl control, ConnectionRegistry registry, EventLog events, LineProcessor processor,
			GatewayProperties properties) {
		this.control = control;
		this.registry = registry;
		this.events = events;
		this.processor = processor;
		this.greeting = properties.greeting();
	}

	@EventListener
	void opened(TcpConnectionOpenEvent event) {
		LineConnectionSupport.LineConnection tcp = (LineConnectionSupport.LineConnection) event.getSource();
		Connection connection = this.control.connection(tcp);
		int open = this.registry.add(connection);
		if (open < 0) {
			this.registry.traffic().error(ErrorType.SERVER_FULL);
			this.events.record(EventType.REJECTED, connection,
					"server full (" + this.registry.maxConnections() + " connections)");
			this.control.write(tcp.getConnectionId(), "ERR server full".getBytes(StandardCharsets.UTF_8));
			tcp.close();
			return;
		}
		this.events.record(EventType.OPENED, connection, open + " open");
		if (!this.greeting.isEmpty()) {
			connection.reply(this.greeting);
		}
		this.processor.opened(connection.session());
	}

	@EventListener
	void closed(TcpConnectionCloseEvent event) {
		Connection connection = this.registry.get(event.getConnectionId());
		if (connection == null) {
			return;
		}
		connection.outbox().discard();
		this.processor.closed(connection.session());
		CloseReason reason = (connection.closeReason() != null) ? connection.closeReason() : CloseReason.CLIENT;
		int open = this.registry.remove(connection.id(), reason);
		if (open >= 0) {
			this.events.record(EventType.CLOSED, connection, describe(reason) + ", " + open + " open");
		}
	}

	@EventListener
	void failed(TcpConnectionExceptionEvent event) {
		Connection connection = this.registry.get(event.getConnectionId());
		Throwable cause = event.getCause();
		if (connection == null || connection.closeReason() != null || causedBy(cause, SoftEndOfStreamException.class)
				|| causedBy(cause, LineTooLongException.class)) {
			return;
		}
		if (connection.closing(CloseReason.ERROR)) {
			this.registry.traffic().error(ErrorType.IO);
			this.events.record(EventType.ERROR, connection, describe(rootCause(cause)));
		}
	}

	@EventListener
	void lineTooLong(TcpDeserializationExceptionEvent event) {
		if (!(event.getCause() instanceof LineTooLongException tooLong)) {
			return;
		}
		Connection connection = this.registry.get(tooLong.connectionId());
		if (connection != null && connection.closing(CloseReason.LIMIT)) {
			this.registry.traffic().error(ErrorType.LINE_TOO_LONG);
			this.events.record(EventType.LINE_TOO_LONG, connection, tooLong.getMessage());
			connection.reply("ERR " + tooLong.getMessage());
		}
	}

	private static String describe(CloseReason reason) {
		return switch (reason) {
			case CLIENT -> "client closed";
			case QUIT -> "/quit";
			default -> reason.label();
		};
	}

	private static String describe(Throwable cause) {
		String message = cause.getMessage();
		return (cause instanceof IOException && message != null) ? message : cause.getClass().getSimpleName();
	}

	private static boolean causedBy(Throwable throwable, Class<? extends Throwable> type) {
		for (Throwable cause = throwable; cause != null; cause = (cause.getCause() != cause) ? cause.getCause()
				: null) {
			if (type.isInstance(cause)) {
				return true;
			}
		}
		return false;
	}

	private static Throwable rootCause(Throwable throwable) {
		Throwable cause = throwable;
		while (cause.getCause() != null && cause.getCause() != cause) {
			cause = cause.getCause();
		}
		return cause;
	}

}
