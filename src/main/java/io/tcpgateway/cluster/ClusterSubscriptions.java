package io.tcpgateway.cluster;

import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.integration.redis.inbound.RedisInboundChannelAdapter;

/**
 * This node's connections to Redis, renewed when they may lead to a server that no longer
 * answers: after a failover away from a primary that hangs rather than dies, the kernel
 * still keeps its sockets open, so Lettuce never notices and never asks Sentinel for the
 * new primary by itself.
 */
final class ClusterSubscriptions {

	private static final Log logger = LogFactory.getLog(ClusterSubscriptions.class);

	private final RedisConnectionFactory connectionFactory;

	private final Map<String, RedisInboundChannelAdapter> subscribers;

	private final ExecutorService renewer = Executors.newSingleThreadExecutor((task) -> {
		Thread thread = new Thread(task, "cluster-resubscribe");
		thread.setDaemon(true);
		return thread;
	});

	private final AtomicBoolean renewing = new AtomicBoolean();

	/**
	 * Creates the subscriptions.
	 * @param connectionFactory the connections to Redis
	 * @param subscribers the subscriber of each channel
	 */
	ClusterSubscriptions(RedisConnectionFactory connectionFactory,
			Map<String, RedisInboundChannelAdapter> subscribers) {
		this.connectionFactory = connectionFactory;
		this.subscribers = Map.copyOf(subscribers);
	}

	RedisInboundChannelAdapter subscriber(String topic) {
		return this.subscribers.get(topic);
	}

	/**
	 * Drops the connection that commands and publishing share; the next command opens a
	 * new one, to the primary that Sentinel names now.
	 */
	void resetCommands() {
		if (this.connectionFactory instanceof LettuceConnectionFactory lettuce) {
			lettuce.resetConnection();
		}
	}

	/**
	 * Subscribes again over new connections, on a thread of its own, since unsubscribing
	 * from a hung server waits for a timeout; does nothing while a renewal is under way.
	 */
	void renew() {
		if (!this.renewing.compareAndSet(false, true)) {
			return;
		}
		this.renewer.execute(() -> {
			try {
				logger.warn("this node does not hear its own pings on the cluster channels; subscribing again");
				this.subscribers.values().forEach(RedisInboundChannelAdapter::stop);
				this.subscribers.values().forEach(RedisInboundChannelAdapter::start);
			}
			catch (RuntimeException ex) {
				logger.warn("subscribing again to the cluster channels failed; next try on a later heartbeat", ex);
			}
			finally {
				this.renewing.set(false);
			}
		});
	}

	void close() {
		this.renewer.shutdownNow();
	}

}
