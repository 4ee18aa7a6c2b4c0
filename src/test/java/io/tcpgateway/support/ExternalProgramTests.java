package io.tcpgateway.support;

import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link ExternalProgram}; the decision is checked with the value of {@code CI}
 * as a parameter, so these pass whatever the environment says.
 */
class ExternalProgramTests {

	private static final String REASON = "no-such-program-3f9c not installed (apt-get install no-such-package)";

	@Test
	void findsAProgramOnThePath() {
		assertThat(ExternalProgram.find("sh")).hasValueSatisfying((sh) -> assertThat(sh).isExecutable());
	}

	@Test
	void findsAnAbsolutePathOnlyWhenItIsAnExecutableFile() {
		assertThat(ExternalProgram.find("/bin/sh")).isPresent();
		assertThat(ExternalProgram.find("/etc/passwd")).isEmpty();
		assertThat(ExternalProgram.find("/usr/bin/no-such-program-3f9c")).isEmpty();
	}

	@Test
	void findsNothingForAMissingProgram() {
		assertThat(ExternalProgram.find("no-such-program-3f9c")).isEmpty();
	}

	@Test
	void skipsWhenCiIsNotSet() {
		assertThatExceptionOfType(TestAbortedException.class).isThrownBy(() -> ExternalProgram.missing(REASON, null))
			.withMessageContaining(REASON);
	}

	@Test
	void skipsWhenCiIsNotTrue() {
		assertThatExceptionOfType(TestAbortedException.class)
			.isThrownBy(() -> ExternalProgram.missing(REASON, "false"));
	}

	@Test
	void failsWhenCiIsTrue() {
		assertThatExceptionOfType(AssertionFailedError.class).isThrownBy(() -> ExternalProgram.missing(REASON, "true"))
			.withMessage(REASON);
	}

}
