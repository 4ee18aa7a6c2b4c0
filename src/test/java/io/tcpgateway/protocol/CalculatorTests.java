package io.tcpgateway.protocol;

import java.time.Duration;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Tests for {@link Calculator}.
 */
class CalculatorTests {

	private final Calculator calculator = new Calculator(1024);

	@ParameterizedTest(name = "{0} = {1}")
	@CsvSource(delimiter = '|', textBlock = """
			2+3*4           | 14
			7/2             | 3.5
			10%4            | 2
			(1+2)*3         | 9
			2*3-4/8         | 5.5
			10-4-3          | 3
			64/4/2          | 8
			-7%3            | -1
			'  1 +	2 '     | 3
			""")
	void evaluatesWithUsualPrecedence(String expression, String expected) {
		assertThat(this.calculator.evaluate(expression)).isEqualTo(expected);
	}

	@ParameterizedTest(name = "{0} = {1}")
	@CsvSource(delimiter = '|', textBlock = """
			-2^2            | -4
			-(2^3)^2        | -64
			2^3^2           | 512
			2^-1            | 0.5
			-3              | -3
			--1             | 1
			+1              | 1
			-+-1            | 1
			2*-3            | -6
			2--3            | 5
			-0              | 0
			0*-1            | 0
			""")
	void appliesUnarySignsAndRightAssociativePower(String expression, String expected) {
		assertThat(this.calculator.evaluate(expression)).isEqualTo(expected);
	}

	@ParameterizedTest(name = "{0} = {1}")
	@CsvSource(delimiter = '|', textBlock = """
			3.5                     | 3.5
			.5                      | 0.5
			2.                      | 2
			1e3                     | 1000
			1E-3                    | 0.001
			2.5e+2                  | 250
			1/3                     | 0.333333333333333
			2/3                     | 0.666666666666667
			0.1+0.2                 | 0.3
			2^0.5                   | 1.4142135623731
			999999999999999         | 999999999999999
			-999999999999999        | -999999999999999
			0.000001                | 0.000001
			1e15                    | 1E+15
			1.5e20                  | 1.5E+20
			-1e20                   | -1E+20
			1e300                   | 1E+300
			2^60                    | 1.15292150460685E+18
			1/8000000               | 1.25E-7
			1.23456789012345678e-7  | 1.23456789012346E-7
			1e-400                  | 0
			""")
	void formatsDecimalsAndScientificNotation(String expression, String expected) {
		assertThat(this.calculator.evaluate(expression)).isEqualTo(expected);
	}

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource(delimiter = '|', textBlock = """
			''                  | empty expression
			'   '               | empty expression
			2+                  | unexpected end of expression
			(                   | unexpected end of expression
			1e                  | unexpected end of expression
			1e+                 | unexpected end of expression
			2 $ 3               | syntax error at position 3
			1 2                 | syntax error at position 3
			2)                  | syntax error at position 2
			)                   | syntax error at position 1
			.                   | syntax error at position 1
			abc                 | syntax error at position 1
			()                  | syntax error at position 2
			2*(3+)              | syntax error at position 6
			1ex                 | syntax error at position 3
			2**3                | syntax error at position 3
			١+1                 | syntax error at position 1
			(1+2                | missing ) at position 5
			(1+2 3              | missing ) at position 6
			1/0                 | division by zero
			1%0                 | division by zero
			1/(2-2)             | division by zero
			5%-0                | division by zero
			1e999999999         | number too large
			1e308*10            | result out of range
			1/(1e308*10)        | result out of range
			9^9^9^9             | result out of range
			(-8)^0.5            | result out of range
			0^-1                | result out of range
			""")
	void rejectsInvalidExpressionsWithPlainMessages(String expression, String message) {
		assertThat(answer(this.calculator, expression)).isEqualTo("ERR " + message);
	}

	@Test
	void rejectsExpressionsLongerThanTheLimitBeforeParsing() {
		Calculator small = new Calculator(5);
		assertThat(answer(small, "1+2+3")).isEqualTo("6");
		assertThat(answer(small, "1+2+34")).isEqualTo("ERR expression too long (max 5 characters)");
		assertThat(answer(small, "((((((")).isEqualTo("ERR expression too long (max 5 characters)");
	}

	@ParameterizedTest(name = "{0} x{2} -> {3}")
	@CsvSource(delimiter = '|', textBlock = """
			(    | )  | 64 | 1
			(    | )  | 65 | ERR nesting too deep (max 64)
			-    | '' | 64 | 1
			-    | '' | 65 | ERR nesting too deep (max 64)
			1^   | '' | 64 | 1
			1^   | '' | 65 | ERR nesting too deep (max 64)
			(-   | )  | 32 | 1
			(-   | )  | 33 | ERR nesting too deep (max 64)
			""")
	void limitsNestingDepth(String open, String close, int times, String expected) {
		String expression = open.repeat(times) + "1" + close.repeat(times);
		assertThat(answer(new Calculator(10_000), expression)).isEqualTo(expected);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("hostileInputs")
	void answersHostileInputQuickly(String description, Calculator calculator, String expression, String expected) {
		answer(calculator, expression);
		// answer() lets any Error through, so a StackOverflowError fails the test.
		String result = assertTimeoutPreemptively(Duration.ofMillis(100), () -> answer(calculator, expression));
		assertThat(result).isEqualTo(expected);
	}

	static Stream<Arguments> hostileInputs() {
		Calculator standard = new Calculator(1024);
		Calculator roomy = new Calculator(100_000);
		String parentheses = "(".repeat(10_000) + "1" + ")".repeat(10_000);
		String minuses = "-".repeat(5000) + "1";
		String powers = "2^".repeat(5000) + "2";
		String sum = "11" + "+1".repeat(2499);
		assertThat(sum).hasSize(5000);
		return Stream.of(Arguments.of("tower of powers", standard, "9^9^9^9", "ERR result out of range"),
				Arguments.of("huge literal", standard, "1e999999999", "ERR number too large"),
				Arguments.of("10,000 parentheses, standard limit", standard, parentheses,
						"ERR expression too long (max 1024 characters)"),
				Arguments.of("10,000 parentheses, roomy limit", roomy, parentheses, "ERR nesting too deep (max 64)"),
				Arguments.of("5,000 unary minuses", roomy, minuses, "ERR nesting too deep (max 64)"),
				Arguments.of("5,000 powers", roomy, powers, "ERR nesting too deep (max 64)"),
				Arguments.of("5,000-character sum, standard limit", standard, sum,
						"ERR expression too long (max 1024 characters)"),
				Arguments.of("5,000-character sum, limit 10,000", new Calculator(10_000), sum, "2510"));
	}

	// Mirrors the caller, which sends "ERR " plus the message to the client.
	private static String answer(Calculator calculator, String expression) {
		try {
			return calculator.evaluate(expression);
		}
		catch (CalculatorException ex) {
			return "ERR " + ex.getMessage();
		}
	}

}
