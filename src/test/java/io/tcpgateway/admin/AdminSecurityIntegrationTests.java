package io.tcpgateway.admin;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient.RequestBodySpec;
import org.springframework.test.web.servlet.client.RestTestClient.RequestHeadersSpec;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Integration tests for {@link SecurityConfiguration}.
 */
class AdminSecurityIntegrationTests extends AbstractAdminIntegrationTests {

	private static final String PROTECTED = """
			GET,    /actuator/connections
			DELETE, /actuator/connections/127.0.0.1:1:2:some-id
			GET,    /actuator/connectionevents
			POST,   /actuator/broadcast
			""";

	@ParameterizedTest
	@CsvSource(textBlock = PROTECTED)
	void refusesConnectionEndpointsWithoutCredentials(HttpMethod method, String path) {
		request(method, path).exchange().expectStatus().isUnauthorized();
	}

	@ParameterizedTest
	@CsvSource(textBlock = PROTECTED)
	void refusesConnectionEndpointsWithAWrongPassword(HttpMethod method, String path) {
		request(method, path).headers((headers) -> headers.setBasicAuth(USER, "wrong-" + PASSWORD))
			.exchange()
			.expectStatus()
			.isUnauthorized();
	}

	@ParameterizedTest
	@ValueSource(strings = { "/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness",
			"/actuator/info", "/actuator/metrics", "/actuator/metrics/tcp.connections.open", "/actuator/prometheus" })
	void servesMonitoringEndpointsToAnyone(String path) {
		this.http.get().uri(path).exchange().expectStatus().isOk();
	}

	@ParameterizedTest
	@CsvSource(textBlock = """
			GET,  /actuator
			GET,  /actuator/env
			GET,  /actuator/beans
			GET,  /actuator/heapdump
			GET,  /actuator/loggers
			POST, /actuator/shutdown
			GET,  /anything-else
			""")
	void servesNothingElseEvenToTheAdmin(HttpMethod method, String path) {
		request(method, path).headers((headers) -> headers.setBasicAuth(USER, PASSWORD))
			.exchange()
			.expectStatus()
			.value((status) -> assertThat(status).isIn(HttpStatus.FORBIDDEN.value(), HttpStatus.NOT_FOUND.value()));
	}

	private RequestHeadersSpec<?> request(HttpMethod method, String path) {
		RequestBodySpec request = this.http.method(method).uri(path);
		return (method != HttpMethod.POST) ? request
				: request.contentType(MediaType.APPLICATION_JSON).body("{\"message\": \"hi\"}");
	}

}
