package io.tcpgateway.admin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.tcpgateway.TestClient;
import io.tcpgateway.connection.AuditTrail;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient.RequestHeadersSpec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The operator and the viewer over real HTTP, and the audit trail of what each did or was
 * refused, read from the {@code io.tcpgateway.audit} log lines.
 */
@ExtendWith(OutputCaptureExtension.class)
class AuditAndRolesIntegrationTests extends AbstractAdminIntegrationTests {

	static final String VIEWER = "watcher";

	static final String VIEWER_PASSWORD = "only-looking";

	@DynamicPropertySource
	static void viewer(DynamicPropertyRegistry properties) {
		properties.add("gateway.security.viewer.name", () -> VIEWER);
		// Hashed, as the README suggests; cost 4 keeps each request cheap.
		properties.add("gateway.security.viewer.password",
				() -> "{bcrypt}" + new BCryptPasswordEncoder(4).encode(VIEWER_PASSWORD));
	}

	@ParameterizedTest
	@ValueSource(strings = { "/actuator/connections", "/actuator/connectionevents", "/actuator/health",
			"/actuator/metrics", "/actuator/metrics/tcp.connections.open", "/actuator/prometheus" })
	void viewerReadsEveryReadEndpoint(String path) {
		asViewer(this.http.get().uri(path)).exchange().expectStatus().isOk();
	}

	@ParameterizedTest
	@ValueSource(strings = { USER + ":" + PASSWORD, VIEWER + ":" + VIEWER_PASSWORD })
	void operatorAndViewerSeeTheHealthDetails(String credentials) {
		String[] userAndPassword = credentials.split(":");
		this.http.get()
			.uri("/actuator/health")
			.headers((headers) -> headers.setBasicAuth(userAndPassword[0], userAndPassword[1]))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.components.tcpServer.details.maxConnections")
			.isNumber();
	}

	@Test
	void anonymousSeesOnlyTheHealthStatus() {
		this.http.get()
			.uri("/actuator/health")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.components")
			.doesNotExist();
	}

	@Test
	void viewerMayNotKickAndTheRefusalIsAudited(CapturedOutput output) throws IOException {
		TestClient client = connect();
		String id = idOf(client);
		asViewer(this.http.delete().uri("/actuator/connections/{id}", id)).exchange().expectStatus().isForbidden();
		assertThat(client.exchange("still here")).isEqualTo("still here");
		awaitAuditLine(output, "who=watcher from=127.0.0.1 action=kick target=" + id + " outcome=\"403 forbidden\"");
	}

	@Test
	void viewerMayNotBroadcastAndTheRefusalIsAudited(CapturedOutput output) throws IOException {
		TestClient client = connect();
		asViewer(broadcastRequest("from the viewer")).exchange().expectStatus().isForbidden();
		asAdmin(broadcastRequest("from the operator")).exchange().expectStatus().isOk();
		assertThat(client.readLine()).isEqualTo("! from the operator");
		awaitAuditLine(output, "who=watcher from=127.0.0.1 action=broadcast target=\"\" outcome=\"403 forbidden\"");
	}

	@Test
	void operatorKicksAndTheKickIsAudited(CapturedOutput output) throws IOException {
		TestClient client = connect();
		String id = idOf(client);
		asAdmin(this.http.delete().uri("/actuator/connections/{id}", id)).exchange().expectStatus().isNoContent();
		assertThat(client.readLine()).isEqualTo(ConnectionsEndpoint.CLOSE_NOTICE);
		awaitAuditLine(output, "who=admin from=127.0.0.1 action=kick target=" + id + " outcome=done");
		asAdmin(this.http.delete().uri("/actuator/connections/{id}", id)).exchange().expectStatus().isNotFound();
		awaitAuditLine(output,
				"who=admin from=127.0.0.1 action=kick target=" + id + " outcome=\"404 no such connection\"");
	}

	@Test
	void operatorBroadcastsAndTheAlarmIsAuditedEscaped(CapturedOutput output) throws IOException {
		TestClient client = connect();
		asAdmin(broadcastRequest("disk \\u001b[31mfull")).exchange().expectStatus().isOk();
		assertThat(client.readLine()).isEqualTo("! disk \\x1B[31mfull");
		awaitAuditLine(output, "who=admin from=127.0.0.1 action=broadcast target=\"disk \\x1B[31mfull\" "
				+ "outcome=\"done: 1 recipients, 1 nodes, id ");
		assertThat(auditLines(output)).noneMatch((line) -> line.indexOf('\u001b') >= 0);
		asAdmin(broadcastRequest(" ")).exchange().expectStatus().isBadRequest();
		awaitAuditLine(output,
				"who=admin from=127.0.0.1 action=broadcast target=\" \" outcome=\"400 message is required\"");
	}

	@Test
	void actionsAlsoReachTheConnectionEventFeed() throws IOException {
		TestClient client = connect();
		asAdmin(broadcastRequest("for the feed")).exchange().expectStatus().isOk();
		assertThat(client.readLine()).isEqualTo("! for the feed");
		asViewer(this.http.get().uri("/actuator/connectionevents?limit=20")).exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.events[?(@.type == 'AUDIT')].detail")
			.value(new ParameterizedTypeReference<List<String>>() {
			}, (details) -> assertThat(details).anyMatch((detail) -> detail.startsWith("audit who=admin from=127.0.0.1 "
					+ "action=broadcast target=\"for the feed\" outcome=\"done: 1 recipients, 1 nodes, id ")));
	}

	@Test
	void refusedCredentialsAreAuditedWithTheNameTriedEscaped(CapturedOutput output) {
		this.http.get().uri("/actuator/connections").exchange().expectStatus().isUnauthorized();
		awaitAuditLine(output, "who=anonymous from=127.0.0.1 action=GET target=/actuator/connections "
				+ "outcome=\"401 no credentials\"");
		withBasic(this.http.get().uri("/actuator/connectionevents"), "mallory", "guess").exchange()
			.expectStatus()
			.isUnauthorized();
		awaitAuditLine(output, "who=mallory from=127.0.0.1 action=GET target=/actuator/connectionevents "
				+ "outcome=\"401 bad credentials\"");
		// A name that tries to forge a field or clear the reader's screen.
		withBasic(this.http.post().uri("/actuator/broadcast"), "eve from=10.9.9.9\u001b[2J", "x").exchange()
			.expectStatus()
			.isUnauthorized();
		awaitAuditLine(output, "who=\"eve from=10.9.9.9\\x1B[2J\" from=127.0.0.1 action=broadcast target=\"\" "
				+ "outcome=\"401 bad credentials\"");
		this.http.get()
			.uri("/actuator/connections")
			.header(HttpHeaders.AUTHORIZATION, "Basic not-base64!")
			.exchange()
			.expectStatus()
			.isUnauthorized();
		awaitAuditLine(output, "who=anonymous from=127.0.0.1 action=GET target=/actuator/connections "
				+ "outcome=\"401 malformed credentials\"");
	}

	@Test
	void anonymousRequestsOutsideTheEndpointsAreNotAudited(CapturedOutput output) {
		this.http.get().uri("/favicon.ico").exchange().expectStatus().isUnauthorized();
		withBasic(this.http.get().uri("/actuator/connections"), "marker", "x").exchange()
			.expectStatus()
			.isUnauthorized();
		awaitAuditLine(output, "who=marker");
		assertThat(auditLines(output)).noneMatch((line) -> line.contains("favicon"));
	}

	@Test
	void aBurstOfRefusalsIsRateLimited(CapturedOutput output) throws Exception {
		int burst = 60;
		// In parallel, so that the burst is one on a busy machine too.
		ExecutorService senders = Executors.newFixedThreadPool(6);
		long start = System.nanoTime();
		try {
			List<Future<?>> sent = new ArrayList<>();
			for (int i = 0; i < burst; i++) {
				sent.add(senders.submit(this::refuseAFlood));
			}
			for (Future<?> each : sent) {
				each.get(30, TimeUnit.SECONDS);
			}
		}
		finally {
			senders.shutdownNow();
		}
		double seconds = (System.nanoTime() - start) / 1e9;
		List<String> written = floodLines(output);
		assertThat(written).hasSizeLessThan(burst)
			.hasSizeLessThanOrEqualTo(AuditTrail.REFUSALS_PER_SECOND * ((int) seconds + 1));
		// The next refusal written, once a second has passed, says how many were left
		// out before it.
		await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).until(() -> {
			refuseAFlood();
			return floodLines(output).stream().anyMatch((line) -> line.contains(" suppressed="));
		});
		long suppressed = floodLines(output).stream()
			.map(Pattern.compile(" suppressed=(\\d+)$")::matcher)
			.filter(Matcher::find)
			.mapToLong((match) -> Long.parseLong(match.group(1)))
			.sum();
		assertThat(suppressed).isPositive();
	}

	/**
	 * A wrong password for the operator: cheap to check, unlike an unknown name, for
	 * which Spring Security spends a bcrypt hash so as not to tell the two apart.
	 */
	private void refuseAFlood() {
		withBasic(this.http.get().uri("/actuator/connections"), USER, "wrong").exchange()
			.expectStatus()
			.isUnauthorized();
	}

	private static List<String> floodLines(CapturedOutput output) {
		return auditLines(output).stream()
			.filter((line) -> line.contains("audit who=admin ") && line.contains("401 bad credentials"))
			.toList();
	}

	private static List<String> auditLines(CapturedOutput output) {
		return output.getOut().lines().filter((line) -> line.contains(" " + AuditTrail.LOGGER + " ")).toList();
	}

	private static void awaitAuditLine(CapturedOutput output, String text) {
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(auditLines(output)).anyMatch((line) -> line.contains(text)));
	}

	private RequestHeadersSpec<?> broadcastRequest(String jsonMessage) {
		return this.http.post()
			.uri("/actuator/broadcast")
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"message\": \"" + jsonMessage + "\"}");
	}

	static RequestHeadersSpec<?> asViewer(RequestHeadersSpec<?> request) {
		return request.headers((headers) -> headers.setBasicAuth(VIEWER, VIEWER_PASSWORD));
	}

	private static RequestHeadersSpec<?> withBasic(RequestHeadersSpec<?> request, String name, String password) {
		String token = Base64.getEncoder().encodeToString((name + ":" + password).getBytes(StandardCharsets.UTF_8));
		return request.header(HttpHeaders.AUTHORIZATION, "Basic " + token);
	}

}
