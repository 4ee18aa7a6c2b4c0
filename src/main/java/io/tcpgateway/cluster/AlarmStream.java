package io.tcpgateway.cluster;

import java.time.Instant;
import java.util.Map;

import io.tcpgateway.chat.SafeText;
import io.tcpgateway.connection.AlarmLog;
import io.tcpgateway.connection.AlarmRefusedException;
import io.tcpgateway.protocol.AlarmRecord;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.data.redis.connection.RedisStreamCommands.XAddOptions;
import org.springframework.data.redis.connection.stream.RecordId;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The cluster's alarms as a Redis stream, {@value #KEY}: an alarm is accepted once
 * {@code XADD} has put it there, trimmed to about the configured length; every node reads
 * it with an {@link AlarmReader}.
 */
final class AlarmStream implements AlarmLog {

	/** The stream's key. */
	static final String KEY = NameClaims.PREFIX + "alarms";

	/** The one field of each entry: the alarm as a cluster message, in JSON. */
	static final String FIELD = "alarm";

	private static final Log logger = LogFactory.getLog(AlarmStream.class);

	private final StringRedisTemplate redis;

	private final ClusterCodec codec;

	private final String nodeId;

	private final long length;

	AlarmStream(StringRedisTemplate redis, ClusterCodec codec, String nodeId, long length) {
		this.redis = redis;
		this.codec = codec;
		this.nodeId = nodeId;
		this.length = length;
	}

	@Override
	public AlarmRecord append(String message) {
		String entry = this.codec.encode(ClusterMessage.of("alarm", this.nodeId, null, message));
		RecordId id;
		try {
			id = this.redis.opsForStream()
				.add(KEY, Map.of(FIELD, entry), XAddOptions.maxlen(this.length).approximateTrimming(true));
		}
		catch (RuntimeException ex) {
			logger.warn("alarm refused, the cluster's Redis did not take it: "
					+ SafeText.escape(RedisReachability.describe(ex)));
			throw new AlarmRefusedException("the cluster's Redis is unreachable", ex);
		}
		if (id == null) {
			throw new AlarmRefusedException("the cluster's Redis gave it no id", null);
		}
		return new AlarmRecord(id.getValue(), Instant.ofEpochMilli(id.getTimestamp()), message);
	}

}
