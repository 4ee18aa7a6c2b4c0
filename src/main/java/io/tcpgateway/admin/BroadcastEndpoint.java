package io.tcpgateway.admin;

import io.tcpgateway.connection.Alarms;
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

	private final Alarms alarms;

	BroadcastEndpoint(Alarms alarms) {
		this.alarms = alarms;
	}

	// Nullable, so that a missing message gets the same 400 body as a blank one.
	@WriteOperation
	WebEndpointResponse<?> broadcast(@Nullable String message) {
		String invalid = this.alarms.invalid(message);
		if (invalid != null || message == null) {
			return OperationError.badRequest(invalid);
		}
		Alarms.Raised raised = this.alarms.raise(message);
		return new WebEndpointResponse<>(new Broadcast(raised.recipients(), raised.nodes()));
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
