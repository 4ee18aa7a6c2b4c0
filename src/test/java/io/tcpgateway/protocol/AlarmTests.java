package io.tcpgateway.protocol;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link Alarm}.
 */
class AlarmTests {

	@Test
	void marksOperatorAlarmsWithABang() {
		assertThat(Alarm.line("maintenance at noon")).isEqualTo("! maintenance at noon");
	}

	@Test
	void showsUnsafeCharactersEscaped() {
		assertThat(Alarm.line("red \u001b[31m\u202E")).isEqualTo("! red \\x1B[31m\\u202E");
	}

}
