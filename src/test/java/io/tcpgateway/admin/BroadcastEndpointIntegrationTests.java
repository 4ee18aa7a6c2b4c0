package io.tcpgateway.admin;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import io.tcpgateway.TestClient;
import io.tcpgateway.settings.GatewayProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient.ResponseSpec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * Integration tests for {@link BroadcastEndpoint}.
 */
class BroadcastEndpointIntegrationTests extends AbstractAdminIntegrationTests {

	@Autowired
	GatewayProperties properties;

	@Test
	void sendsTheMessageToEveryConnectionAsOneLine() throws IOException {
		List<TestClient> clients = connect(3);
		broadcast("{\"message\": \"maintenance at noon\"}").expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.recipients")
			.isEqualTo(3);
		for (TestClient client : clients) {
			assertThat(client.readLine()).isEqualTo("! maintenance at noon");
		}
	}

	@Test
	void eachAlarmReachesTheConnectionsOpenWhenItIsRaised() throws IOException {
		TestClient first = connect();
		broadcast("{\"message\": \"one\"}").expectStatus().isOk().expectBody().jsonPath("$.recipients").isEqualTo(1);
		assertThat(first.readLine()).isEqualTo("! one");
		TestClient second = connect();
		broadcast("{\"message\": \"two\"}").expectStatus().isOk().expectBody().jsonPath("$.recipients").isEqualTo(2);
		assertThat(first.readLine()).isEqualTo("! two");
		assertThat(second.readLine()).isEqualTo("! two");
		first.close();
		await().atMost(Duration.ofSeconds(10)).until(() -> this.registry.count() == 1);
		broadcast("{\"message\": \"three\"}").expectStatus().isOk().expectBody().jsonPath("$.recipients").isEqualTo(1);
		assertThat(second.readLine()).isEqualTo("! three");
	}

	@Test
	void givesEachAlarmAnIdAndATimeThatAlarmsListsNewestLast() throws IOException {
		TestClient client = connect();
		String first = broadcast("{\"message\": \"first\"}").expectStatus()
			.isOk()
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody()
			.get("id")
			.asString();
		JsonNode raised = broadcast("{\"message\": \"second\"}").expectStatus()
			.isOk()
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody();
		assertThat(raised.get("nodes").asInt()).isEqualTo(1);
		String id = raised.get("id").asString();
		assertThat(id).matches("\\d+-\\d+").isNotEqualTo(first);
		Instant at = Instant.parse(raised.get("at").asString());
		assertThat(at).isCloseTo(Instant.now(), within(1, ChronoUnit.MINUTES));
		assertThat(client.readLine()).isEqualTo("! first");
		assertThat(client.readLine()).isEqualTo("! second");
		client.send("/alarms");
		List<String> listed = new ArrayList<>();
		for (String line = client.readLine(); !line.equals("."); line = client.readLine()) {
			listed.add(line);
		}
		// Tests share the application: earlier alarms come first.
		String second = id + " " + at.truncatedTo(ChronoUnit.SECONDS) + " second";
		assertThat(listed).hasSizeBetween(2, 20).last().isEqualTo(second);
		assertThat(listed.get(listed.size() - 2)).startsWith(first + " ").endsWith(" first");
		assertThat(client.exchange("/alarms since " + first)).isEqualTo(second);
		assertThat(client.readLine()).isEqualTo(".");
	}

	@ParameterizedTest
	@ValueSource(strings = { "{}", "{\"message\": null}", "{\"message\": \"\"}", "{\"message\": \"  \"}",
			"{\"message\": \"two\\nlines\"}", "{\"message\": \"forged\\r\"}" })
	void rejectsAMessageThatIsMissingBlankOrNotOneLine(String body) throws IOException {
		TestClient client = connect();
		broadcast(body).expectStatus().isBadRequest().expectBody().jsonPath("$.error").isNotEmpty();
		broadcast("{\"message\": \"after\"}").expectStatus().isOk();
		assertThat(client.readLine()).isEqualTo("! after");
	}

	@Test
	void showsControlCharactersInTheMessageEscaped() throws IOException {
		TestClient client = connect();
		broadcast("{\"message\": \"\\u001b[2Jwipe\"}").expectStatus().isOk();
		assertThat(client.readLine()).isEqualTo("! \\x1B[2Jwipe");
	}

	@Test
	void rejectsAMessageWhoseLineIsLongerThanTheLineLimitInBytes() {
		// The line a client gets is "! " and the message.
		int limit = this.properties.tcp().maxLineLength() - 2;
		// Two bytes each in UTF-8: within the limit in characters, over it in bytes.
		String message = "é".repeat(limit / 2 + 1);
		broadcast("{\"message\": \"" + message + "\"}").expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.error")
			.isEqualTo("message is longer than " + limit + " bytes");
		broadcast("{\"message\": \"" + "x".repeat(limit + 1) + "\"}").expectStatus().isBadRequest();
		broadcast("{\"message\": \"" + "x".repeat(limit) + "\"}").expectStatus().isOk();
	}

	private ResponseSpec broadcast(String body) {
		return asAdmin(this.http.post().uri("/actuator/broadcast").contentType(MediaType.APPLICATION_JSON).body(body))
			.exchange();
	}

}
