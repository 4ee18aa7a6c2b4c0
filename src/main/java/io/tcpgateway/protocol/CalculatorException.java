package io.tcpgateway.protocol;

/**
 * An expression the calculator refuses; its message is safe to show a client.
 */
final class CalculatorException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	CalculatorException(String message) {
		super(message);
	}

}
