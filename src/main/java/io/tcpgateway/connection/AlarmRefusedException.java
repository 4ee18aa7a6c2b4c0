package io.tcpgateway.connection;

import org.jspecify.annotations.Nullable;

/**
 * Thrown when the gateway cannot take responsibility for an alarm, which then reaches
 * nobody.
 */
public class AlarmRefusedException extends RuntimeException {

	/**
	 * Creates an exception.
	 * @param reason why, for the operator
	 * @param cause what failed, if anything did
	 */
	public AlarmRefusedException(String reason, @Nullable Throwable cause) {
		super(reason, cause);
	}

}
