package io.tcpgateway.tcp;

import io.tcpgateway.connection.Doorkeeper;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHandler;

/**
 * The end of the inbound flow: hands each batch of lines to the doorkeeper, on the
 * connection's event loop.
 */
final class LineHandler implements MessageHandler {

	private final Doorkeeper doorkeeper;

	LineHandler(Doorkeeper doorkeeper) {
		this.doorkeeper = doorkeeper;
	}

	@Override
	public void handleMessage(Message<?> message) {
		LineBatch batch = (LineBatch) message.getPayload();
		this.doorkeeper.lines(batch.connection(), batch.lines(), batch.bytes());
	}

}
