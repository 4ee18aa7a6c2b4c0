package io.tcpgateway.tcp;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

import io.micrometer.core.instrument.MeterRegistry;
import io.tcpgateway.TestClient;
import io.tcpgateway.chat.RoomEvent;
import io.tcpgateway.chat.RemoteRooms;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;
import org.springframework.integration.ip.util.TestingUtilities;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A bug that throws while a line is processed is logged with its stack trace, its message
 * escaped, and counted; the client gets {@code ERR internal error} and its connection
 * goes on.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "gateway.tcp.port=0")
@ExtendWith(OutputCaptureExtension.class)
class InternalErrorIntegrationTests {

	@Autowired
	AbstractServerConnectionFactory server;

	@Autowired
	MeterRegistry meters;

	@Test
	void aLineThatThrowsIsLoggedCountedAndAnsweredAndTheConnectionGoesOn(CapturedOutput output) throws IOException {
		TestingUtilities.waitListening(this.server, 10_000L);
		double before = internalErrors();
		try (TestClient client = TestClient.greeted(this.server.getPort())) {
			assertThat(client.exchange("/nick boom")).isEqualTo("ERR internal error");
			assertThat(client.exchange("/echo still here")).isEqualTo("still here");
			assertThat(client.exchange("/nick ann")).isEqualTo("OK nick ann");
		}
		assertThat(output).contains("Line processing failed on connection")
			.contains("IllegalStateException: a bug in a room link\\x0AFORGED log line\\x1B[2J")
			.contains("at " + FailingRemoteRooms.class.getName() + ".claim")
			.doesNotContain("\nFORGED")
			.doesNotContain("\u001b[2J");
		assertThat(internalErrors()).isEqualTo(before + 1);
	}

	@Test
	void theErrorComesInOrderWithTheRepliesToTheLinesBeforeAndAfterIt() throws IOException {
		TestingUtilities.waitListening(this.server, 10_000L);
		try (TestClient client = TestClient.greeted(this.server.getPort())) {
			client.send("/echo before", "/nick boom", "/echo after");
			assertThat(client.readLine()).isEqualTo("before");
			assertThat(client.readLine()).isEqualTo("ERR internal error");
			assertThat(client.readLine()).isEqualTo("after");
		}
	}

	private double internalErrors() {
		return this.meters.get("tcp.errors").tag("type", "internal").functionCounter().count();
	}

	@TestConfiguration
	static class Bug {

		@Bean
		RemoteRooms failingRemoteRooms() {
			return new FailingRemoteRooms("boom"::equals);
		}

	}

	/**
	 * {@link RemoteRooms#NONE}, except that it throws when some names are claimed.
	 */
	static final class FailingRemoteRooms implements RemoteRooms {

		private final Predicate<String> failing;

		FailingRemoteRooms(Predicate<String> failing) {
			this.failing = failing;
		}

		@Override
		public CompletableFuture<Boolean> claim(String name) {
			if (this.failing.test(name)) {
				// a message may quote what a client sent
				throw new IllegalStateException("a bug in a room link\nFORGED log line\u001b[2J");
			}
			return NONE.claim(name);
		}

		@Override
		public CompletableFuture<Void> release(String name) {
			return NONE.release(name);
		}

		@Override
		public void publish(RoomEvent event) {
			NONE.publish(event);
		}

		@Override
		public void present(List<String> members) {
			NONE.present(members);
		}

		@Override
		public List<String> remoteMembers() {
			return NONE.remoteMembers();
		}

	}

}
