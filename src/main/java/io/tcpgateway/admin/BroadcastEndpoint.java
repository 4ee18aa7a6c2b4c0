package io.tcpgateway.admin;

import java.time.Instant;

import io.tcpgateway.connection.AlarmRefusedException;
import io.tcpgateway.connection.Alarms;
import io.tcpgateway.connection.AuditTrail;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

/**
 * The {@code broadcast} endpoint: sends one alarm line from an operator,
 * {@code ! message}, to every open connection, on every node of a cluster, or answers 503
 * when the gateway cannot take responsibility for it; the audit trail records each
 * attempt.
 */
@Endpoint(id = "broadcast")
class BroadcastEndpoint {

	static final String ACTION = "broadcast";

	private final Alarms alarms;

	private final AuditTrail audit;

	BroadcastEndpoint(Alarms alarms, AuditTrail audit) {
		this.alarms = alarms;
		this.audit = audit;
	}

	// Nullable, so that a missing message gets the same 400 body as a blank one.
	@WriteOperation
	WebEndpointResponse<?> broadcast(@Nullable String message, SecurityContext security) {
		Requester requester = Requester.of(security);
		String text = (message != null) ? message : "";
		String invalid = this.alarms.invalid(message);
		if (invalid != null || message == null) {
			this.audit.record(requester.name(), requester.address(), ACTION, text, "400 " + invalid);
			return OperationError.badRequest(invalid);
		}
		try {
			Alarms.Raised raised = this.alarms.raise(message);
			this.audit.record(requester.name(), requester.address(), ACTION, text, "done: " + raised.recipients()
					+ " recipients, " + raised.nodes() + " nodes, id " + raised.alarm().id());
			return new WebEndpointResponse<>(
					new Broadcast(raised.alarm().id(), raised.alarm().at(), raised.recipients(), raised.nodes()));
		}
		catch (AlarmRefusedException ex) {
			this.audit.record(requester.name(), requester.address(), ACTION, text, "503 " + ex.getMessage());
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
