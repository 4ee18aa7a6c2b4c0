package io.tcpgateway.admin;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * The admin password given as a bcrypt hash, as the README shows, rather than in clear.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "gateway.tcp.port=0")
@AutoConfigureRestTestClient
class HashedPasswordIntegrationTests {

	private static final String PASSWORD = "s3cret-in-clear";

	@Autowired
	RestTestClient http;

	@DynamicPropertySource
	static void hashedPassword(DynamicPropertyRegistry properties) {
		String hash = new BCryptPasswordEncoder(10).encode(PASSWORD);
		properties.add("spring.security.user.password", () -> "{bcrypt}" + hash);
	}

	@Test
	void acceptsThePasswordWhoseHashIsConfigured() {
		this.http.get()
			.uri("/actuator/connections")
			.headers((headers) -> headers.setBasicAuth("admin", PASSWORD))
			.exchange()
			.expectStatus()
			.isOk();
	}

	@Test
	void refusesAnyOtherPasswordAndTheHashItself() {
		for (String wrong : new String[] { "wrong", "{bcrypt}" }) {
			this.http.get()
				.uri("/actuator/connections")
				.headers((headers) -> headers.setBasicAuth("admin", wrong))
				.exchange()
				.expectStatus()
				.isUnauthorized();
		}
	}

}
