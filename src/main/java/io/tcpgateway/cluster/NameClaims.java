package io.tcpgateway.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * This node's claims in Redis, each a key set only if absent and kept alive by the
 * heartbeat: its node id, and the names its clients hold, case-folded, so that two nodes
 * racing for one name cannot both win.
 */
final class NameClaims {

	static final String PREFIX = "tcp-gateway:";

	// For each key: keep it if it is ours, take it if it is free; 1 if ours now, else 0.
	private static final RedisScript<List> CLAIM = RedisScript.of("""
			local result = {}
			for i, key in ipairs(KEYS) do
			  local owner = redis.call('GET', key)
			  if owner == ARGV[1] then
			    redis.call('PEXPIRE', key, ARGV[2])
			    result[i] = 1
			  elseif not owner then
			    redis.call('SET', key, ARGV[1], 'PX', ARGV[2])
			    result[i] = 1
			  else
			    result[i] = 0
			  end
			end
			return result
			""", List.class);

	// The same for one key, answered as a number, for the reactive commands.
	private static final RedisScript<Long> CLAIM_ONE = RedisScript.of("""
			local owner = redis.call('GET', KEYS[1])
			if owner == ARGV[1] then
			  redis.call('PEXPIRE', KEYS[1], ARGV[2])
			  return 1
			elseif not owner then
			  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
			  return 1
			end
			return 0
			""", Long.class);

	private static final RedisScript<Long> RELEASE = RedisScript.of("""
			local released = 0
			for _, key in ipairs(KEYS) do
			  if redis.call('GET', key) == ARGV[1] then
			    released = released + redis.call('DEL', key)
			  end
			end
			return released
			""", Long.class);

	private final StringRedisTemplate redis;

	private final ReactiveStringRedisTemplate reactive;

	private final Duration timeout;

	private final String nodeKey;

	private final String owner;

	private final String ttlMillis;

	/**
	 * Creates the claims of one node.
	 * @param redis the Redis commands, for the heartbeat's thread
	 * @param reactive the same without blocking, for names claimed while clients wait
	 * @param timeout how long a claim may take
	 * @param nodeId the node id
	 * @param owner what the keys hold, unique to this process
	 * @param ttlMillis how long a claim outlives its last refresh
	 */
	NameClaims(StringRedisTemplate redis, ReactiveStringRedisTemplate reactive, Duration timeout, String nodeId,
			String owner, long ttlMillis) {
		this.redis = redis;
		this.reactive = reactive;
		this.timeout = timeout;
		this.nodeKey = PREFIX + "node:" + nodeId;
		this.owner = owner;
		this.ttlMillis = Long.toString(ttlMillis);
	}

	/**
	 * Claims a name without blocking any thread.
	 * @param name the name
	 * @return {@code true} once it is this node's, {@code false} if another node holds
	 * it; completed exceptionally when Redis fails or does not answer in time
	 */
	CompletableFuture<Boolean> claim(String name) {
		return this.reactive.execute(CLAIM_ONE, List.of(key(name)), List.of(this.owner, this.ttlMillis))
			.next()
			.map((won) -> won == 1)
			.toFuture()
			.orTimeout(this.timeout.toMillis(), TimeUnit.MILLISECONDS);
	}

	/**
	 * Gives back a name without waiting: if the answer is lost, the claim expires.
	 * @param name the name
	 * @return the answer, once Redis gives it
	 */
	CompletableFuture<Long> release(String name) {
		return this.reactive.execute(RELEASE, List.of(key(name)), List.of(this.owner))
			.next()
			.toFuture()
			.orTimeout(this.timeout.toMillis(), TimeUnit.MILLISECONDS);
	}

	/**
	 * Claims or refreshes the node id and the names, as one script.
	 * @param names the names held on this node
	 * @return {@code false} if another live node holds this node's id
	 */
	boolean refresh(List<String> names) {
		List<String> keys = new ArrayList<>(names.size() + 1);
		keys.add(this.nodeKey);
		names.forEach((name) -> keys.add(key(name)));
		return claimAll(keys).get(0);
	}

	/**
	 * Gives back the node id and the names.
	 * @param names the names held on this node
	 */
	void releaseAll(List<String> names) {
		List<String> keys = new ArrayList<>(names.size() + 1);
		keys.add(this.nodeKey);
		names.forEach((name) -> keys.add(key(name)));
		this.redis.execute(RELEASE, keys, this.owner);
	}

	private List<Boolean> claimAll(List<String> keys) {
		List<?> result = this.redis.execute(CLAIM, keys, this.owner, this.ttlMillis);
		return result.stream().map((won) -> ((Number) won).longValue() == 1).toList();
	}

	private static String key(String name) {
		return PREFIX + "name:" + name.toLowerCase(Locale.ROOT);
	}

}
