package io.tcpgateway.tcp;

import java.util.List;

import io.tcpgateway.chat.Line;
import io.tcpgateway.connection.Outlet;
import org.jspecify.annotations.Nullable;

import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessagingException;
import org.springframework.messaging.support.GenericMessage;

/**
 * The outlet of one TCP client: every line goes to the outbound adapter as a message
 * addressed by connection id.
 */
final class TcpOutput implements Outlet {

	private final NettyConnection tcp;

	private final MessageChannel toClients;

	TcpOutput(NettyConnection tcp, MessageChannel toClients) {
		this.tcp = tcp;
		this.toClients = toClients;
	}

	@Override
	public void send(Line line) {
		send(line.bytes());
	}

	/**
	 * Sends the lines as one message, so that they cost one write.
	 */
	@Override
	public void send(List<Line> lines) {
		if (lines.size() == 1) {
			send(lines.get(0).bytes());
			return;
		}
		int size = 0;
		for (Line line : lines) {
			size += line.bytes().length;
		}
		byte[] joined = new byte[size];
		int at = 0;
		for (Line line : lines) {
			System.arraycopy(line.bytes(), 0, joined, at, line.bytes().length);
			at += line.bytes().length;
		}
		send(joined);
	}

	private void send(byte[] bytes) {
		try {
			this.toClients.send(new GenericMessage<>(bytes, this.tcp.headers()));
		}
		catch (MessagingException ex) {
			// the connection closed meanwhile; its close event tidies up
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
	public void goodbye(Line last) {
		this.tcp.whenQuiet(() -> closeAfter(last));
	}

	@Override
	public void close() {
		this.tcp.close();
	}

}
