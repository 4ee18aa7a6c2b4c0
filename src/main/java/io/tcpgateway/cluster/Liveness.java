package io.tcpgateway.cluster;

import java.time.Clock;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The fast lane of the heartbeat: this node's pings, published straight from the
 * heartbeat thread to a channel of their own, and the others' pings, taken on a
 * subscriber thread of their own, so that no chat flood delays either and a live node is
 * never dropped for being busy. A node hears its own pings too: silence means that its
 * subscription is dead.
 */
final class Liveness {

	/** The channel of the pings. */
	static final String TOPIC = NameClaims.PREFIX + "alive";

	private final String nodeId;

	private final ClusterCodec codec;

	private final ClusterView view;

	private final StringRedisTemplate redis;

	private final Clock clock;

	private final ThrottledWarning junk = new ThrottledWarning(Liveness.class, "dropped a bad message from " + TOPIC);

	// When the oldest ping not heard back was sent, null if every ping was heard.
	private volatile @Nullable Instant unheardSince;

	Liveness(String nodeId, ClusterCodec codec, ClusterView view, StringRedisTemplate redis, Clock clock) {
		this.nodeId = nodeId;
		this.codec = codec;
		this.view = view;
		this.redis = redis;
		this.clock = clock;
	}

	/**
	 * Tells every node, this one included, that this node is alive.
	 * @throws RuntimeException if Redis cannot be reached
	 */
	void ping() {
		if (this.unheardSince == null) {
			this.unheardSince = this.clock.instant();
		}
		this.redis.convertAndSend(TOPIC, this.codec.encode(ClusterMessage.of("alive", this.nodeId, null, null)));
	}

	/**
	 * Takes one ping; never throws, so the subscriber goes on.
	 * @param payload the message text
	 */
	void receive(String payload) {
		Instant now = this.clock.instant();
		try {
			ClusterMessage message = this.codec.decode(payload);
			if (message.node().equals(this.nodeId)) {
				this.unheardSince = null;
			}
			else {
				this.view.alive(message.node(), message.incarnation(), now);
			}
		}
		catch (RuntimeException ex) {
			this.junk.warn(now, ex.getMessage());
		}
	}

	/**
	 * When the oldest of this node's pings that it has not heard back was sent.
	 * @return the time, or {@link Instant#MAX} if it heard them all
	 */
	Instant unheardSince() {
		Instant since = this.unheardSince;
		return (since != null) ? since : Instant.MAX;
	}

}
