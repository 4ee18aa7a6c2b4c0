package io.tcpgateway.protocol;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * Evaluates arithmetic expressions from untrusted clients, within fixed bounds.
 * <p>
 * Binding from loosest to tightest: {@code + -}, then {@code * / %}, then unary
 * {@code - +}, then right-associative {@code ^}; so {@code -2^2} is {@code -4} and
 * {@code 2^3^2} is {@code 512}. {@code %} is Java's remainder (it takes the sign of the
 * dividend).
 * <p>
 * Bounds: at most {@code maxLength} characters, and at most {@value #MAX_DEPTH} levels of
 * nesting, where each parenthesis, unary sign and {@code ^} is one level. Every step is
 * O(1) ({@code ^} is {@link Math#pow}), so the work is linear in the length.
 * <p>
 * Result format: the value is rounded to 15 significant digits and its trailing zeros
 * dropped. Zero prints as {@code 0}. A magnitude of at least 1e15 or below 1e-6 prints in
 * scientific notation ({@code 1.5E+20}, {@code 1.23456789012346E-7}); anything else in
 * plain decimal ({@code 14}, {@code 0.333333333333333}). A NaN or infinite value at any
 * step is refused as {@code result out of range}.
 */
final class Calculator {

	static final int MAX_DEPTH = 64;

	private static final MathContext SIGNIFICANT_DIGITS = new MathContext(15);

	private static final BigDecimal SCIENTIFIC_FROM = new BigDecimal("1e15");

	private static final BigDecimal SCIENTIFIC_BELOW = new BigDecimal("1e-6");

	private final int maxLength;

	Calculator(int maxLength) {
		this.maxLength = maxLength;
	}

	String evaluate(String expression) {
		if (expression != null && expression.length() > this.maxLength) {
			throw new CalculatorException("expression too long (max " + this.maxLength + " characters)");
		}
		if (expression == null || expression.isBlank()) {
			throw new CalculatorException("empty expression");
		}
		return format(new Parser(expression).parse());
	}

	private static String format(double value) {
		BigDecimal rounded = new BigDecimal(value).round(SIGNIFICANT_DIGITS).stripTrailingZeros();
		if (rounded.signum() == 0) {
			return "0";
		}
		BigDecimal magnitude = rounded.abs();
		// Past these bounds toString() is scientific: the scale is negative or the
		// exponent is below -6.
		boolean scientific = magnitude.compareTo(SCIENTIFIC_FROM) >= 0 || magnitude.compareTo(SCIENTIFIC_BELOW) < 0;
		return scientific ? rounded.toString() : rounded.toPlainString();
	}

	/**
	 * The state of one evaluation, kept apart so that a calculator can be shared between
	 * connections.
	 */
	private static final class Parser {

		private final String text;

		private int pos;

		private int depth;

		Parser(String text) {
			this.text = text;
		}

		double parse() {
			double value = sum();
			skipSpace();
			if (this.pos < this.text.length()) {
				throw unexpected();
			}
			return value;
		}

		private double sum() {
			double value = product();
			while (true) {
				if (eat('+')) {
					value = checked(value + product());
				}
				else if (eat('-')) {
					value = checked(value - product());
				}
				else {
					return value;
				}
			}
		}

		private double product() {
			double value = unary();
			while (true) {
				if (eat('*')) {
					value = checked(value * unary());
				}
				else if (eat('/')) {
					value = checked(value / divisor());
				}
				else if (eat('%')) {
					value = checked(value % divisor());
				}
				else {
					return value;
				}
			}
		}

		private double divisor() {
			double divisor = unary();
			if (divisor == 0) {
				throw new CalculatorException("division by zero");
			}
			return divisor;
		}

		private double unary() {
			boolean negate = eat('-');
			if (!negate && !eat('+')) {
				return power();
			}
			enter();
			double value = unary();
			this.depth--;
			return negate ? -value : value;
		}

		private double power() {
			double base = primary();
			if (!eat('^')) {
				return base;
			}
			// The exponent is a unary so that 2^-1 works and 2^3^2 nests to the right.
			enter();
			double exponent = unary();
			this.depth--;
			return checked(Math.pow(base, exponent));
		}

		private double primary() {
			if (!eat('(')) {
				return number();
			}
			enter();
			double value = sum();
			this.depth--;
			if (!eat(')')) {
				throw new CalculatorException("missing ) at position " + (this.pos + 1));
			}
			return value;
		}

		private double number() {
			skipSpace();
			int start = this.pos;
			int digits = skipDigits();
			if (at('.')) {
				this.pos++;
				digits += skipDigits();
			}
			if (digits == 0) {
				this.pos = start;
				throw unexpected();
			}
			if (at('e') || at('E')) {
				this.pos++;
				if (at('+') || at('-')) {
					this.pos++;
				}
				if (skipDigits() == 0) {
					throw unexpected();
				}
			}
			// The scan above admits only plain numerals, so parseDouble cannot see hex or
			// suffixes; a huge exponent costs nothing and comes back as Infinity.
			double value = Double.parseDouble(this.text.substring(start, this.pos));
			if (Double.isInfinite(value)) {
				throw new CalculatorException("number too large");
			}
			return value;
		}

		// Recursion follows nesting, so this keeps hostile input off the stack limit.
		private void enter() {
			if (++this.depth > MAX_DEPTH) {
				throw new CalculatorException("nesting too deep (max " + MAX_DEPTH + ")");
			}
		}

		private static double checked(double value) {
			if (!Double.isFinite(value)) {
				throw new CalculatorException("result out of range");
			}
			return value;
		}

		private CalculatorException unexpected() {
			if (this.pos >= this.text.length()) {
				return new CalculatorException("unexpected end of expression");
			}
			return new CalculatorException("syntax error at position " + (this.pos + 1));
		}

		private boolean eat(char expected) {
			skipSpace();
			if (at(expected)) {
				this.pos++;
				return true;
			}
			return false;
		}

		private boolean at(char expected) {
			return peek() == expected;
		}

		private int skipDigits() {
			int start = this.pos;
			// ASCII only: Character.isDigit would let through digits parseDouble rejects.
			while (peek() >= '0' && peek() <= '9') {
				this.pos++;
			}
			return this.pos - start;
		}

		private void skipSpace() {
			while (Character.isWhitespace(peek())) {
				this.pos++;
			}
		}

		// NUL stands for the end: it matches no token, so a real NUL is still refused.
		private char peek() {
			return (this.pos < this.text.length()) ? this.text.charAt(this.pos) : 0;
		}

	}

}
