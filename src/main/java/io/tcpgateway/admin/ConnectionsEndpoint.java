package io.tcpgateway.admin;

import java.util.List;

import io.tcpgateway.connection.AuditTrail;
import io.tcpgateway.connection.Connections;
import io.tcpgateway.connection.ConnectionSnapshot;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

/**
 * The {@code connections} endpoint: lists the open connections and closes one for an
 * operator, which the audit trail records.
 */
@Endpoint(id = "connections")
class ConnectionsEndpoint {

	static final String CLOSE_NOTICE = "BYE closed by an operator";

	static final String ACTION = "kick";

	private final Connections connections;

	private final AuditTrail audit;

	ConnectionsEndpoint(Connections connections, AuditTrail audit) {
		this.connections = connections;
		this.audit = audit;
	}

	@ReadOperation
	OpenConnections connections() {
		List<ConnectionSnapshot> connections = this.connections.list();
		// Counted from the same snapshot, not the registry, so that the two always agree.
		return new OpenConnections(connections.size(), connections);
	}

	@DeleteOperation
	WebEndpointResponse<Void> close(@Selector String id, SecurityContext security) {
		boolean found = this.connections.kick(id, CLOSE_NOTICE);
		Requester requester = Requester.of(security);
		this.audit.record(requester.name(), requester.address(), ACTION, id, found ? "done" : "404 no such connection");
		return new WebEndpointResponse<>(
				found ? WebEndpointResponse.STATUS_NO_CONTENT : WebEndpointResponse.STATUS_NOT_FOUND);
	}

	/**
	 * The open connections.
	 * <p>
	 * The actuator's own JSON mapper writes it, because it is an
	 * {@link OperationResponseBody}, and leaves out null fields such as a missing nick.
	 *
	 * @param open how many are open
	 * @param connections one entry per open connection, oldest first
	 */
	record OpenConnections(int open, List<ConnectionSnapshot> connections) implements OperationResponseBody {

	}

}
