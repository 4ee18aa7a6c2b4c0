package io.tcpgateway.admin;

import java.util.List;

import io.tcpgateway.connection.ConnectionEvent;
import io.tcpgateway.connection.EventLog;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

/**
 * The {@code connectionevents} endpoint: the most recent connection events, newest first.
 */
@Endpoint(id = "connectionevents")
class ConnectionEventsEndpoint {

	static final int DEFAULT_LIMIT = 100;

	private final EventLog events;

	ConnectionEventsEndpoint(EventLog events) {
		this.events = events;
	}

	@ReadOperation
	WebEndpointResponse<?> events(@Nullable Integer limit) {
		int max = (limit != null) ? limit : DEFAULT_LIMIT;
		if (max < 1) {
			return OperationError.badRequest("limit must be at least 1");
		}
		return new WebEndpointResponse<>(new RecentEvents(this.events.recent(max)));
	}

	/**
	 * The most recent connection events; like every payload here, an
	 * {@link OperationResponseBody} so that server events leave out their null
	 * connection.
	 *
	 * @param events the events, newest first
	 */
	record RecentEvents(List<ConnectionEvent> events) implements OperationResponseBody {

	}

}
