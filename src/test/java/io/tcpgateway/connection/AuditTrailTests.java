package io.tcpgateway.connection;

import java.time.Clock;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link AuditTrail}.
 */
@ExtendWith(OutputCaptureExtension.class)
class AuditTrailTests {

	private final EventLog events = new EventLog(100, Clock.systemUTC());

	private final AuditTrail audit = new AuditTrail(this.events);

	@Test
	void writesOneLineToItsLoggerAndTheEventFeed(CapturedOutput output) {
		this.audit.record("admin", "127.0.0.1", "kick", "127.0.0.1:5:8080:abc", "done");
		String line = "audit who=admin from=127.0.0.1 action=kick target=127.0.0.1:5:8080:abc outcome=done";
		assertThat(output.getOut()).contains(AuditTrail.LOGGER).contains(line);
		ConnectionEvent event = this.events.recent(1).get(0);
		assertThat(event.type()).isEqualTo(EventType.AUDIT);
		assertThat(event.detail()).isEqualTo(line);
	}

	@Test
	void quotesValuesWithSpacesSoThatNoneCanForgeAField() {
		this.audit.record("udp", "udp 10.0.0.7:514", "broadcast", "disk full outcome=done", "");
		assertThat(lastLine()).isEqualTo("audit who=udp from=\"udp 10.0.0.7:514\" action=broadcast "
				+ "target=\"disk full outcome=done\" outcome=\"\"");
	}

	@Test
	void escapesControlCharactersAndQuotes() {
		this.audit.record("eve\"", "127.0.0.1", "broadcast", "a\u001b[2J\r\nb \"c\"", "done");
		assertThat(lastLine()).isEqualTo(
				"audit who=eve\\x22 from=127.0.0.1 action=broadcast target=\"a\\x1B[2J\\x0D\\x0Ab \\x22c\\x22\" outcome=done");
	}

	@Test
	void cutsAValueLongerThanTheLimitAndSaysByHowMuch() {
		String target = "x".repeat(AuditTrail.MAX_VALUE_LENGTH + 10);
		this.audit.record("admin", "127.0.0.1", "broadcast", target, "400 too long");
		assertThat(lastLine()).contains("target=\"" + "x".repeat(AuditTrail.MAX_VALUE_LENGTH) + "...(10 more)\"");
	}

	@Test
	void writesAtMostAFewRefusalsASecondFromOneAddress() {
		for (int i = 0; i < 3 * AuditTrail.REFUSALS_PER_SECOND; i++) {
			this.audit.refused("mallory", "10.0.0.1", "GET", "/actuator/connections", "401 bad credentials");
		}
		this.audit.refused("bob", "10.0.0.2", "kick", "id", "403 forbidden");
		List<String> lines = this.events.recent(100).stream().map(ConnectionEvent::detail).toList();
		assertThat(lines).filteredOn((line) -> line.contains("who=mallory")).hasSize(AuditTrail.REFUSALS_PER_SECOND);
		assertThat(lines).filteredOn((line) -> line.contains("who=bob")).hasSize(1);
	}

	private String lastLine() {
		return this.events.recent(1).get(0).detail();
	}

}
