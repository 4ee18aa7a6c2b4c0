package io.tcpgateway.chat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SafeText}.
 */
class SafeTextTests {

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			plain text, ümlaut and emoji 😀 | plain text, ümlaut and emoji 😀
			'bell\u0007'                    | bell\\x07
			'\u001b[31mred'                 | \\x1B[31mred
			'nul\u0000 del\u007f c1\u0085'  | nul\\x00 del\\x7F c1\\x85
			""")
	void escapesControlCharacters(String text, String shown) {
		assertThat(SafeText.escape(text)).isEqualTo(shown);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			a\u202Eb     | a\\u202Eb
			\u202A\u202B\u202C\u202D | \\u202A\\u202B\\u202C\\u202D
			\u2066x\u2067y\u2068z\u2069 | \\u2066x\\u2067y\\u2068z\\u2069
			one\u2028two\u2029three | one\\u2028two\\u2029three
			""")
	void escapesBidiControlsAndLineSeparators(String text, String shown) {
		assertThat(SafeText.escape(text)).isEqualTo(shown);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			'a\rFAKE'   | a\\x0DFAKE
			'a\nFAKE'   | a\\x0AFAKE
			""")
	void escapesLineBreaks(String text, String shown) {
		assertThat(SafeText.escape(text)).isEqualTo(shown);
	}

}
