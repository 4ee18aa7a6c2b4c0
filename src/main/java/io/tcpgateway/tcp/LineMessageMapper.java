package io.tcpgateway.tcp;

import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.integration.ip.IpHeaders;
import org.springframework.integration.ip.tcp.connection.TcpConnection;
import org.springframework.integration.ip.tcp.connection.TcpMessageMapper;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.GenericMessage;

/**
 * Maps each line to a message that carries only its connection id.
 *
 * <p>
 * The standard mapper also adds the host name, address, ports and local address to every
 * message; the gateway keeps those once per connection in its registry, so building them
 * per line is waste on the hot path.
 */
final class LineMessageMapper extends TcpMessageMapper {

	@Override
	public @Nullable Message<?> toMessage(TcpConnection connection, @Nullable Map<String, Object> headers) {
		Object payload = connection.getPayload();
		return (payload != null) ? message(payload, connection.getConnectionId()) : null;
	}

	/**
	 * Creates a message for one connection.
	 * @param payload the payload
	 * @param connectionId the connection id
	 * @return the message
	 */
	static Message<Object> message(Object payload, String connectionId) {
		return new GenericMessage<>(payload, Map.of(IpHeaders.CONNECTION_ID, connectionId));
	}

}
