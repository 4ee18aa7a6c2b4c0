package io.tcpgateway.tcp;

import java.util.Map;

import io.tcpgateway.chat.Line;
import io.tcpgateway.connection.CloseReason;
import io.tcpgateway.connection.Connection;
import io.tcpgateway.connection.Outlet;
import io.tcpgateway.protocol.Link;
import org.jspecify.annotations.Nullable;

import org.springframework.integration.ip.IpHeaders;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessagingException;
import org.springframework.messaging.support.GenericMessage;

/**
 * Everything written to one TCP client goes through here, to the outbound adapter, as one
 * message per line addressed by connection id.
 */
final class TcpOutput implements Link, Outlet {

	private final NettyConnection tcp;

	private final MessageChannel toClients;

	private final Map<String, Object> headers;

	private @Nullable Connection connection;

	TcpOutput(NettyConnection tcp, MessageChannel toClients) {
		this.tcp = tcp;
		this.toClients = toClients;
		this.headers = Map.of(IpHeaders.CONNECTION_ID, tcp.getConnectionId());
	}

	/**
	 * Ties the output to the connection it counts lines for; called once, before any line
	 * is sent.
	 * @param connection the connection
	 */
	void bind(Connection connection) {
		this.connection = connection;
	}

	@Override
	public void reply(String line) {
		send(Line.of(line));
	}

	@Override
	public void push(Line line) {
		send(line);
	}

	@Override
	public void hangUp(String lastLine) {
		Connection open = this.connection;
		if (open != null && open.closing(CloseReason.QUIT)) {
			closeAfter(Line.of(lastLine));
		}
	}

	@Override
	public void send(Line line) {
		try {
			this.toClients.send(new GenericMessage<>(line.bytes(), this.headers));
		}
		catch (MessagingException ex) {
			// the connection closed meanwhile; its close event tidies up
			return;
		}
		Connection open = this.connection;
		if (open != null) {
			open.sent(line);
		}
	}

	@Override
	public void closeAfter(@Nullable Line last) {
		if (last != null) {
			send(last);
		}
		this.tcp.closeWhenWritten();
	}

	@Override
	public void close() {
		this.tcp.close();
	}

}
