package io.tcpgateway.admin;

import java.time.Instant;

import io.tcpgateway.connection.AlarmRefusedException;
import io.tcpgateway.connection.Alarms;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

/**
 * The {@code broadcast} endpoint: sends one alarm line from an operator,
 * {@code ! message}, to every open connection, on every node of a cluster, or answers 503
 * when the gateway cannot take responsibility for it.
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
		try {
			Alarms.Raised raised = this.alarms.raise(message);
			return new WebEndpointResponse<>(
					new Broadcast(raised.alarm().id(), raised.alarm().at(), raised.recipients(), raised.nodes()));
		}
		catch (AlarmRefusedException ex) {
			return OperationError.unavailable("alarm not accepted: " + ex.getMessage());
		}
	}

	/**
	 * The outcome of a broadcast.
	 *
	 * @param id the alarm's id, as {@code /alarms} lists it
	 * @param at when it was accepted
	 * @param recipients how many connections of this node it goes to
	 * @param nodes how many nodes deliver it, this one included
	 */
	record Broadcast(String id, Instant at, int recipients, int nodes) implements OperationResponseBody {

	}

}
