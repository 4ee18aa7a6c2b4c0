package io.tcpgateway.tcp;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports a busy TCP port in one line instead of a stack trace.
 */
final class TcpPortUnavailableFailureAnalyzer extends AbstractFailureAnalyzer<TcpPortUnavailableException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, TcpPortUnavailableException cause) {
		return new FailureAnalysis(cause.getMessage(),
				"Free port " + cause.port() + " or set another with --gateway.tcp.port (0 picks a free one).", cause);
	}

}
