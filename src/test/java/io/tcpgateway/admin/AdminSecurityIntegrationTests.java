package io.tcpgateway.admin;

import java.io.IOException;
import java.util.stream.Stream;

import io.tcpgateway.TestClient;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
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
	@ValueSource(strings = { "/", "/index.html", "/app.js", "/style.css" })
	void servesTheWebPageToAnyone(String path) {
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

	/**
	 * What a page on another site can make a browser send without a CORS preflight: an
	 * HTML form, or a "simple" fetch, whose body can only be form-urlencoded, multipart
	 * or text/plain. The browser adds any Basic credentials it has cached for the
	 * gateway.
	 * @return the content types and bodies
	 */
	static Stream<Arguments> crossSiteForms() {
		String multipart = "--b\r\nContent-Disposition: form-data; name=\"message\"\r\n\r\nforged\r\n--b--\r\n";
		return Stream.of(true, false)
			.flatMap((withCredentials) -> Stream.of(
					Arguments.of(MediaType.APPLICATION_FORM_URLENCODED_VALUE, "message=forged", withCredentials),
					Arguments.of("multipart/form-data; boundary=b", multipart, withCredentials),
					Arguments.of(MediaType.TEXT_PLAIN_VALUE, "{\"message\": \"forged\"}", withCredentials)));
	}

	@ParameterizedTest
	@MethodSource("crossSiteForms")
	void refusesACrossSiteFormThatTriesToBroadcast(String contentType, String body, boolean withCredentials)
			throws IOException {
		TestClient client = connect();
		RequestHeadersSpec<?> request = this.http.post()
			.uri("/actuator/broadcast")
			.header("Origin", "https://evil.example")
			.header("Content-Type", contentType)
			.body(body);
		if (withCredentials) {
			request = asAdmin(request);
		}
		// Refused before the endpoint runs: 401 without credentials, 415 with them.
		request.exchange()
			.expectStatus()
			.isEqualTo(withCredentials ? HttpStatus.UNSUPPORTED_MEDIA_TYPE : HttpStatus.UNAUTHORIZED);
		asAdmin(this.http.post()
			.uri("/actuator/broadcast")
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"message\": \"after\"}")).exchange().expectStatus().isOk();
		assertThat(client.readLine()).isEqualTo("! after");
	}

	private RequestHeadersSpec<?> request(HttpMethod method, String path) {
		RequestBodySpec request = this.http.method(method).uri(path);
		return (method != HttpMethod.POST) ? request
				: request.contentType(MediaType.APPLICATION_JSON).body("{\"message\": \"hi\"}");
	}

}
