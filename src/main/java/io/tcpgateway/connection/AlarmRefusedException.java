package io.tcpgateway.connection;

/**
 * Thrown when the gateway cannot take responsibility for an alarm, which then reaches
 * nobody.
 */
public class AlarmRefusedException extends RuntimeException {

	/**
	 * Creates an exception.
	 * @param reason why, for the operator
	 * @param cause what failed
	 */
	public AlarmRefusedException(String reason, Throwable cause) {
		super(reason, cause);
	}

}
