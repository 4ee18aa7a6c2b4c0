package io.tcpgateway.tcp;

import org.springframework.integration.ip.tcp.connection.TcpConnectionEvent;

/**
 * A connection has more output waiting for its client than the gateway holds for anyone.
 */
final class SlowConsumerEvent extends TcpConnectionEvent {

	SlowConsumerEvent(NettyConnection connection) {
		super(connection, connection.getConnectionFactoryName());
	}

}
