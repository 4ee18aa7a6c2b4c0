package io.tcpgateway.admin;

import java.nio.charset.StandardCharsets;

import io.tcpgateway.connection.Connections;
import io.tcpgateway.connection.OtherNodes;
import io.tcpgateway.protocol.Alarm;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

/**
 * The {@code broadcast} endpoint: sends one alarm line from an operator,
 * {@code ! message}, to every open connection, on every node of a cluster.
 */
@Endpoint(id = "broadcast")
class BroadcastEndpoint {

	private final Connections connections;

	private final OtherNodes otherNodes;

	private final int maxLineLength;

	BroadcastEndpoint(Connections connections, OtherNodes otherNodes, int maxLineLength) {
		this.connections = connections;
		this.otherNodes = otherNodes;
		this.maxLineLength = maxLineLength;
	}

	// Nullable, so that a missing message gets the same 400 body as a blank one.
	@WriteOperation
	WebEndpointResponse<?> broadcast(@Nullable String message) {
		if (message == null || message.isBlank()) {
			return OperationError.badRequest("message is required");
		}
		// A CR or LF would let the message split into several lines, or forge a reply.
		if (message.indexOf('\r') >= 0 || message.indexOf('\n') >= 0) {
			return OperationError.badRequest("message must be one line, without CR or LF");
		}
		String line = Alarm.line(message);
		if (line.getBytes(StandardCharsets.UTF_8).length > this.maxLineLength) {
			int maxMessageLength = this.maxLineLength - Alarm.PREFIX.length();
			return OperationError.badRequest("message is longer than " + maxMessageLength + " bytes");
		}
		int recipients = this.connections.broadcast(line);
		return new WebEndpointResponse<>(new Broadcast(recipients, 1 + this.otherNodes.alarm(line)));
	}

	/**
	 * The outcome of a broadcast.
	 *
	 * @param recipients how many connections of this node the message was queued for
	 * @param nodes how many nodes took it, this one included
	 */
	record Broadcast(int recipients, int nodes) implements OperationResponseBody {

	}

}
