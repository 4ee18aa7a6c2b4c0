package io.tcpgateway.tcp;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;

import io.netty.handler.codec.TooLongFrameException;
import io.tcpgateway.GatewayProperties;
import io.tcpgateway.chat.Line;
import io.tcpgateway.connection.CloseReason;
import io.tcpgateway.connection.Connection;
import io.tcpgateway.connection.ConnectionRegistry;
import io.tcpgateway.connection.ErrorType;
import io.tcpgateway.connection.EventLog;
import io.tcpgateway.connection.EventType;
import io.tcpgateway.connection.Peer;
import io.tcpgateway.protocol.LineProcessor;
import io.tcpgateway.protocol.Mode;
import io.tcpgateway.protocol.Session;

import org.springframework.context.event.EventListener;
import org.springframework.integration.ip.tcp.connection.TcpConnectionCloseEvent;
import org.springframework.integration.ip.tcp.connection.TcpConnectionExceptionEvent;
import org.springframework.integration.ip.tcp.connection.TcpConnectionOpenEvent;
import org.springframework.messaging.MessageChannel;

/**
 * Turns Spring Integration's connection events into the gateway's: registers and greets
 * new connections, refuses them over the limit, closes idle and slow ones, and records
 * why each one closed.
 *
 * <p>
 * Every event of a connection arrives on its own event loop, in order, so its greeting is
 * always its first line and its close always follows its open.
 */
final class TcpEventListener {

	private final MessageChannel toClients;

	private final ConnectionRegistry registry;

	private final EventLog events;

	private final LineProcessor processor;

	private final String greeting;

	private final Mode defaultMode;

	private final int maxLineLength;

	private final String idleFor;

	private final long maxPendingOutput;

	TcpEventListener(MessageChannel toClients, ConnectionRegistry registry, EventLog events, LineProcessor processor,
			GatewayProperties properties) {
		this.toClients = toClients;
		this.registry = registry;
		this.events = events;
		this.processor = processor;
		this.greeting = properties.greeting();
		this.defaultMode = properties.defaultMode();
		this.maxLineLength = properties.tcp().maxLineLength();
		this.idleFor = "no input for " + describe(properties.tcp().idleTimeout());
		this.maxPendingOutput = properties.tcp().maxPendingOutput().toBytes();
	}

	@EventListener
	void opened(TcpConnectionOpenEvent event) {
		NettyConnection tcp = (NettyConnection) event.getSource();
		TcpOutput output = new TcpOutput(tcp, this.toClients);
		String id = tcp.getConnectionId();
		Connection connection = new Connection(id, new Peer("tcp", tcp.getHostAddress(), tcp.getPort(), null),
				Instant.now(), new Session(id, this.defaultMode, output), output, this.registry.traffic());
		output.bind(connection);
		int open = this.registry.add(connection);
		if (open < 0) {
			this.registry.traffic().error(ErrorType.SERVER_FULL);
			this.events.record(EventType.REJECTED, connection,
					"server full (" + this.registry.maxConnections() + " connections)");
			output.closeAfter(Line.of("ERR server full"));
			return;
		}
		this.events.record(EventType.OPENED, connection, open + " open");
		if (!this.greeting.isEmpty()) {
			output.reply(this.greeting);
		}
	}

	@EventListener
	void closed(TcpConnectionCloseEvent event) {
		Connection connection = this.registry.get(event.getConnectionId());
		if (connection == null) {
			return;
		}
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
		if (connection == null) {
			return;
		}
		if (event.getCause() instanceof TooLongFrameException) {
			if (connection.closing(CloseReason.LIMIT)) {
				String reason = "line too long (max " + this.maxLineLength + " bytes)";
				this.registry.traffic().error(ErrorType.LINE_TOO_LONG);
				this.events.record(EventType.LINE_TOO_LONG, connection, reason);
				connection.outlet().closeAfter(Line.of("ERR " + reason));
			}
		}
		else if (connection.closing(CloseReason.ERROR)) {
			this.registry.traffic().error(ErrorType.IO);
			this.events.record(EventType.ERROR, connection, describe(event.getCause()));
		}
	}

	@EventListener
	void idle(IdleEvent event) {
		Connection connection = this.registry.get(event.getConnectionId());
		if (connection != null && connection.closing(CloseReason.IDLE)) {
			this.events.record(EventType.IDLE_TIMEOUT, connection, this.idleFor);
			connection.outlet().closeAfter(Line.of("ERR idle timeout (" + this.idleFor + "), closing"));
		}
	}

	@EventListener
	void slowConsumer(SlowConsumerEvent event) {
		Connection connection = this.registry.get(event.getConnectionId());
		if (connection != null && connection.closing(CloseReason.LIMIT)) {
			this.registry.traffic().error(ErrorType.SLOW_CONSUMER);
			this.events.record(EventType.SLOW_CONSUMER, connection,
					"more than " + this.maxPendingOutput + " bytes of output pending");
			connection.outlet().close();
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

	/**
	 * Writes a duration the way people say it: {@code 10m}, {@code 45s}, {@code 500ms}.
	 */
	static String describe(Duration duration) {
		long millis = duration.toMillis();
		if (millis > 0 && millis % 60_000 == 0) {
			return (millis / 60_000) + "m";
		}
		return (millis % 1000 == 0) ? (millis / 1000) + "s" : millis + "ms";
	}

}
