package io.tcpgateway.admin;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

/**
 * Why an endpoint refused a request, as its response body.
 *
 * @param error what was wrong with the request, or why it could not be served
 */
record OperationError(String error) implements OperationResponseBody {

	static WebEndpointResponse<OperationError> badRequest(String error) {
		return new WebEndpointResponse<>(new OperationError(error), WebEndpointResponse.STATUS_BAD_REQUEST);
	}

	static WebEndpointResponse<OperationError> unavailable(String error) {
		return new WebEndpointResponse<>(new OperationError(error), WebEndpointResponse.STATUS_SERVICE_UNAVAILABLE);
	}

}
