package io.tcpgateway.connection;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link EventLog}.
 */
@ExtendWith(OutputCaptureExtension.class)
class EventLogTests {

	private final EventLog log = new EventLog(3, Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));

	@Test
	void keepsTheMostRecentEventsNewestFirst() {
		for (int i = 1; i <= 4; i++) {
			this.log.record(EventType.OPENED, "id-" + i, "127.0.0.1:" + i, i + " open");
		}
		assertThat(this.log.recent(10)).extracting(ConnectionEvent::detail)
			.containsExactly("4 open", "3 open", "2 open");
	}

	@Test
	void escapesLineBreaksAndEscapeSequencesInWhatItLogsAndKeeps(CapturedOutput output) {
		this.log.record(EventType.ERROR, "id\r\nFAKE id", "10.0.0.1:1\u001b[31m",
				"bad\nFAKE 2026 ERROR forged entry\u001b[0m\u2028FAKE too");
		ConnectionEvent event = this.log.recent(1).get(0);
		assertThat(event.connectionId()).isEqualTo("id\\x0D\\x0AFAKE id");
		assertThat(event.remoteAddress()).isEqualTo("10.0.0.1:1\\x1B[31m");
		assertThat(event.detail()).isEqualTo("bad\\x0AFAKE 2026 ERROR forged entry\\x1B[0m\\u2028FAKE too");
		await().until(() -> output.getOut().contains("forged entry"));
		assertThat(output.getOut()).doesNotContain("\u001b");
		assertThat(Arrays.stream(output.getOut().split("\\R"))).noneMatch((line) -> line.startsWith("FAKE"));
	}

}
