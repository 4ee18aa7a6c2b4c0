package io.tcpgateway.cluster;

import org.jspecify.annotations.Nullable;

import org.springframework.integration.handler.advice.AbstractRequestHandlerAdvice;
import org.springframework.messaging.Message;

/**
 * Drops a line that could not be published, and tells the link, which logs the outage
 * once instead of once per line.
 */
final class PublishFailureAdvice extends AbstractRequestHandlerAdvice {

	private final RedisReachability link;

	PublishFailureAdvice(RedisReachability link) {
		this.link = link;
	}

	@Override
	protected @Nullable Object doInvoke(ExecutionCallback callback, Object target, Message<?> message) {
		try {
			Object result = callback.execute();
			this.link.working();
			return result;
		}
		catch (RuntimeException ex) {
			this.link.failed(ex);
			this.link.drop();
			return null;
		}
	}

}
