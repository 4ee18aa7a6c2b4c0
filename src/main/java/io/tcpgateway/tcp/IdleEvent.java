package io.tcpgateway.tcp;

import org.springframework.integration.ip.tcp.connection.TcpConnectionEvent;

/**
 * A connection sent nothing for the idle timeout.
 */
final class IdleEvent extends TcpConnectionEvent {

	IdleEvent(NettyConnection connection) {
		super(connection, connection.getConnectionFactoryName());
	}

}
