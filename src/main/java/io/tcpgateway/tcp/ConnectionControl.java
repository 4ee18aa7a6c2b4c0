package io.tcpgateway.tcp;

import java.time.Instant;
import java.util.Optional;

import io.tcpgateway.GatewayProperties;
import io.tcpgateway.connection.CloseReason;
import io.tcpgateway.connection.Connection;
import io.tcpgateway.connection.ConnectionRegistry;
import io.tcpgateway.connection.ErrorType;
import io.tcpgateway.connection.EventLog;
import io.tcpgateway.connection.EventType;
import io.tcpgateway.connection.Outbox;
import io.tcpgateway.connection.OutboxSettings;
import io.tcpgateway.protocol.Mode;

import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessagingException;

/**
 * Opens, writes to and closes connections on behalf of the rest of the gateway: the one
 * place that knows how our connections map onto Spring Integration's.
 */
public final class ConnectionControl {

	private final AbstractServerConnectionFactory server;

	private final MessageChannel toClients;

	private final ConnectionRegistry registry;

	private final EventLog events;

	private final OutboxSettings outboxSettings;

	private final Mode defaultMode;

	ConnectionControl(AbstractServerConnectionFactory server, MessageChannel toClients, ConnectionRegistry registry,
			EventLog events, OutboxSettings outboxSettings, GatewayProperties properties) {
		this.server = server;
		this.toClients = toClients;
		this.registry = registry;
		this.events = events;
		this.outboxSettings = outboxSettings;
		this.defaultMode = properties.defaultMode();
	}

	/**
	 * Creates our record of a connection Spring Integration has just opened.
	 * @param tcp the Spring Integration connection
	 * @return the connection, not yet registered
	 */
	Connection connection(LineConnectionSupport.LineConnection tcp) {
		return new Connection(tcp.getConnectionId(), tcp.getHostAddress(), tcp.getPort(), Instant.now(),
				this.defaultMode, tcp::lastReadMillis, Transport::new, this.outboxSettings, this.registry.traffic());
	}

	/**
	 * Writes one line to a connection, through the outbound adapter.
	 * @param connectionId the connection
	 * @param line the encoded line
	 * @return {@code false} if the connection is gone
	 */
	boolean write(String connectionId, byte[] line) {
		try {
			this.toClients.send(LineMessageMapper.message(line, connectionId));
			return true;
		}
		catch (MessagingException ex) {
			return false;
		}
	}

	/**
	 * Closes a connection now; the first reason given is the one recorded.
	 * @param connection the connection
	 * @param reason why
	 */
	public void close(Connection connection, CloseReason reason) {
		connection.closing(reason);
		this.server.closeConnection(connection.id());
	}

	/**
	 * Sends a notice to a connection, then closes it.
	 * @param connectionId the connection
	 * @param notice the last line it gets
	 * @param reason why
	 * @return the connection, or empty if none is open with that id
	 */
	public Optional<Connection> closeAfter(String connectionId, String notice, CloseReason reason) {
		Connection connection = this.registry.get(connectionId);
		if (connection != null) {
			connection.outbox().closeAfter(notice, reason, false);
		}
		return Optional.ofNullable(connection);
	}

	/**
	 * Sends a line to every open connection without waiting for any of them.
	 * @param line the line
	 * @return how many connections it was queued for
	 */
	public int broadcast(String line) {
		int recipients = 0;
		for (Connection connection : this.registry.all()) {
			connection.push(line);
			recipients++;
		}
		return recipients;
	}

	private final class Transport implements Outbox.Transport {

		private final Connection connection;

		Transport(Connection connection) {
			this.connection = connection;
		}

		@Override
		public boolean write(byte[] chunk, int lines) {
			if (!ConnectionControl.this.write(this.connection.id(), chunk)) {
				return false;
			}
			this.connection.sent(lines, chunk.length + 2);
			return true;
		}

		@Override
		public void close(CloseReason reason) {
			ConnectionControl.this.close(this.connection, reason);
		}

		@Override
		public void overflow() {
			ConnectionControl.this.registry.traffic().error(ErrorType.SLOW_CONSUMER);
			ConnectionControl.this.events.record(EventType.SLOW_CONSUMER, this.connection, "more than "
					+ ConnectionControl.this.outboxSettings.maxPendingBytes() + " bytes of output pending");
			close(CloseReason.LIMIT);
		}

	}

}
