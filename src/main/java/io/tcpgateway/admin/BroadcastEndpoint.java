package io.tcpgateway.admin;

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
 * {@code ! message}, to every open connection, on every node of a cluster; the audit
 * trail records each attempt.
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
		Alarms.Raised raised = this.alarms.raise(message);
		this.audit.record(requester.name(), requester.address(), ACTION, text,
				"done: " + raised.recipients() + " recipients, " + raised.nodes() + " nodes");
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
