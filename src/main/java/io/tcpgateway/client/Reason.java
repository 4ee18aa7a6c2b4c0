package io.tcpgateway.client;

import java.net.UnknownHostException;

/**
 * Says in a few words why a connection failed, for a one-line message on stderr.
 */
final class Reason {

	private Reason() {
	}

	static String of(Throwable failure) {
		Throwable cause = failure;
		while (cause.getCause() != null && cause.getCause() != cause) {
			cause = cause.getCause();
		}
		if (cause instanceof UnknownHostException) {
			return "unknown host";
		}
		String message = cause.getMessage();
		if (message == null || message.isBlank()) {
			return cause.getClass().getSimpleName();
		}
		// Mid-sentence, "Connection refused" reads better as "connection refused",
		// while an acronym such as "CRLF" keeps its case.
		boolean word = message.length() > 1 && Character.isLowerCase(message.charAt(1));
		return word ? Character.toLowerCase(message.charAt(0)) + message.substring(1) : message;
	}

}
