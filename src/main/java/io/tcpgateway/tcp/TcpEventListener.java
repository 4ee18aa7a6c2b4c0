package io.tcpgateway.tcp;

import io.netty.handler.codec.TooLongFrameException;
import io.tcpgateway.connection.Connection;
import io.tcpgateway.connection.Doorkeeper;

import org.springframework.context.event.EventListener;
import org.springframework.integration.ip.tcp.connection.TcpConnectionCloseEvent;
import org.springframework.integration.ip.tcp.connection.TcpConnectionExceptionEvent;
import org.springframework.integration.ip.tcp.connection.TcpConnectionOpenEvent;
import org.springframework.messaging.MessageChannel;

/**
 * Hands Spring Integration's connection events, and the gateway's own slow consumer
 * events, to the doorkeeper; each arrives on the connection's event loop, in order.
 */
final class TcpEventListener {

	private final MessageChannel toClients;

	private final Doorkeeper doorkeeper;

	TcpEventListener(MessageChannel toClients, Doorkeeper doorkeeper) {
		this.toClients = toClients;
		this.doorkeeper = doorkeeper;
	}

	@EventListener
	void opened(TcpConnectionOpenEvent event) {
		NettyConnection tcp = (NettyConnection) event.getSource();
		Connection admitted = this.doorkeeper.admit(tcp.getConnectionId(), tcp.peer(),
				new TcpOutlet(tcp, this.toClients));
		if (admitted != null) {
			tcp.admittedAs(admitted);
		}
	}

	@EventListener
	void closed(TcpConnectionCloseEvent event) {
		this.doorkeeper.closed(event.getConnectionId());
	}

	@EventListener
	void failed(TcpConnectionExceptionEvent event) {
		if (event.getCause() instanceof TooLongFrameException) {
			this.doorkeeper.lineTooLong(event.getConnectionId());
		}
		else {
			this.doorkeeper.failed(event.getConnectionId(), event.getCause());
		}
	}

	@EventListener
	void slowConsumer(SlowConsumerEvent event) {
		this.doorkeeper.slowConsumer(event.getConnectionId());
	}

}
