package io.tcpgateway.cluster;

import java.time.Clock;
import java.time.Duration;

import io.tcpgateway.connection.Alarms;
import io.tcpgateway.connection.RecentAlarms;
import io.tcpgateway.settings.GatewayProperties;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Alarms in a cluster: appended to one Redis stream, and read back by every node, the
 * sender included.
 *
 * <pre>
 * Alarms.raise ─▶ AlarmStream: XADD tcp-gateway:alarms MAXLEN ~ N ─▶ Redis stream
 * Redis stream ─▶ AlarmReader (1 thread, XREAD BLOCK) ─▶ Alarms.deliver ─▶ this node's clients, /alarms
 * </pre>
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("gateway.cluster.enabled")
class AlarmStreamConfiguration {

	/** The longest one XREAD waits for a new alarm before it asks again. */
	private static final Duration MAX_BLOCK = Duration.ofSeconds(1);

	@Bean
	AlarmStream alarmStream(StringRedisTemplate redis, ClusterCodec codec,
			ClusterConfiguration.ClusterIdentity identity, GatewayProperties properties) {
		return new AlarmStream(redis, codec, identity.nodeId(), properties.alarms().streamLength());
	}

	@Bean
	AlarmReader alarmReader(RedisConnectionFactory redis, ClusterCodec codec, Alarms alarms, RecentAlarms recentAlarms,
			GatewayProperties properties) {
		return new AlarmReader(redis, codec, alarms, recentAlarms, properties.alarms().history(), block(redis),
				Clock.systemUTC());
	}

	/**
	 * A blocking read must end well within the Redis command timeout, or it fails as a
	 * timeout.
	 */
	private static Duration block(RedisConnectionFactory redis) {
		if (redis instanceof LettuceConnectionFactory lettuce) {
			Duration half = lettuce.getClientConfiguration().getCommandTimeout().dividedBy(2);
			return (half.compareTo(MAX_BLOCK) < 0) ? half : MAX_BLOCK;
		}
		return MAX_BLOCK;
	}

}
