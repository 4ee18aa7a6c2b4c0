package io.tcpgateway.connection;

import java.time.Instant;

import io.tcpgateway.protocol.AlarmRecord;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RecentAlarms}.
 */
class RecentAlarmsTests {

	private final RecentAlarms history = new RecentAlarms(3);

	@Test
	void keepsTheNewestUpToItsCapacityOldestFirst() {
		for (int i = 1; i <= 5; i++) {
			this.history.add(alarm(i));
		}
		assertThat(this.history.recent()).extracting(AlarmRecord::id).containsExactly("3-0", "4-0", "5-0");
	}

	@Test
	void listsWhatCameAfterAKeptAlarmAndNothingForAnUnknownOne() {
		for (int i = 1; i <= 5; i++) {
			this.history.add(alarm(i));
		}
		assertThat(this.history.since("3-0")).extracting(AlarmRecord::id).containsExactly("4-0", "5-0");
		assertThat(this.history.since("5-0")).isEmpty();
		assertThat(this.history.since("2-0")).isNull();
		assertThat(this.history.since("junk")).isNull();
	}

	private static AlarmRecord alarm(int i) {
		return new AlarmRecord(i + "-0", Instant.ofEpochMilli(i), "alarm " + i);
	}

}
