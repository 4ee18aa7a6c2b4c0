package io.tcpgateway.tcp;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Executor;

import io.tcpgateway.chat.Line;
import io.tcpgateway.connection.Connection;
import io.tcpgateway.connection.Lane;
import io.tcpgateway.connection.Outlet;
import org.jspecify.annotations.Nullable;

import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessagingException;
import org.springframework.messaging.support.GenericMessage;

/**
 * The outlet of one TCP client: the replies to its own lines go to the outbound adapter
 * as one message per batch, addressed by connection id; every other line goes through its
 * event loop's lane.
 */
final class TcpOutlet implements Outlet {

	private final NettyConnection tcp;

	private final MessageChannel toClients;

	private volatile @Nullable Connection connection;

	TcpOutlet(NettyConnection tcp, MessageChannel toClients) {
		this.tcp = tcp;
		this.toClients = toClients;
	}

	NettyConnection channel() {
		return this.tcp;
	}

	@Override
	public void attach(Connection connection) {
		this.connection = connection;
	}

	@Override
	public void send(Line line) {
		Connection to = this.connection;
		if (to != null) {
			this.tcp.lane().deliver(line, to, false);
		}
	}

	/**
	 * Sends the replies to a batch as one message, so that they cost one write.
	 */
	@Override
	public void send(List<Line> lines) {
		StringBuilder joined = new StringBuilder(lines.size() * 32);
		for (Line line : lines) {
			joined.append(line.text()).append("\r\n");
		}
		byte[] bytes = joined.toString().getBytes(StandardCharsets.UTF_8);
		try {
			this.toClients.send(new GenericMessage<>(bytes, this.tcp.headers()));
		}
		catch (MessagingException ex) {
			// the connection closed meanwhile; its close event tidies up
			return;
		}
		Connection to = this.connection;
		if (to != null) {
			to.sent(lines.size(), bytes.length);
		}
	}

	@Override
	public void closeAfter(@Nullable Line last) {
		Connection to = this.connection;
		if (to != null) {
			this.tcp.lane().deliver(last, to, true);
		}
		else {
			this.tcp.close();
		}
	}

	@Override
	public void close() {
		this.tcp.close();
	}

	@Override
	public Lane lane() {
		return this.tcp.lane();
	}

	@Override
	public Executor executor() {
		return this.tcp.lane().loop();
	}

	@Override
	public void pauseReading() {
		this.tcp.autoRead(false);
	}

	@Override
	public void resumeReading() {
		this.tcp.autoRead(true);
	}

}
