package io.tcpgateway.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * This node's claims in Redis, each a key set only if absent and kept alive by the
 * heartbeat: its node id, and the names its clients hold, case-folded, so that two nodes
 * racing for one name cannot both win. The calls go to Redis from one thread of their
 * own, one at a time in the order they were asked for, so a heartbeat that read the names
 * before a release never takes the released name back; callers never wait for Redis.
 */
final class NameClaims implements AutoCloseable {

	static final String PREFIX = "tcp-gateway:";

	/** How many calls may wait for their turn before new ones are refused. */
	static final int MAX_WAITING = 10_000;

	// For each key: keep it if it is ours, take it if it is free; 1 if the first is ours
	// now.
	private static final RedisScript<Long> CLAIM = RedisScript.of("""
			local first = 0
			for i, key in ipairs(KEYS) do
			  local owner = redis.call('GET', key)
			  local ours = 1
			  if owner == ARGV[1] then
			    redis.call('PEXPIRE', key, ARGV[2])
			  elseif not owner then
			    redis.call('SET', key, ARGV[1], 'PX', ARGV[2])
			  else
			    ours = 0
			  end
			  if i == 1 then
			    first = ours
			  end
			end
			return first
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

	private final ReactiveStringRedisTemplate redis;

	private final Duration timeout;

	private final String nodeKey;

	private final String owner;

	private final String ttlMillis;

	// One thread, so that the calls reach Redis one at a time in the order asked for.
	private final ThreadPoolExecutor turns;

	/**
	 * Creates the claims of one node.
	 * @param redis the Redis commands
	 * @param timeout how long one call to Redis may take
	 * @param nodeId the node id
	 * @param owner what the keys hold, unique to this process
	 * @param ttlMillis how long a claim outlives its last refresh
	 */
	NameClaims(ReactiveStringRedisTemplate redis, Duration timeout, String nodeId, String owner, long ttlMillis) {
		this.redis = redis;
		this.timeout = timeout;
		this.nodeKey = PREFIX + "node:" + nodeId;
		this.owner = owner;
		this.ttlMillis = Long.toString(ttlMillis);
		this.turns = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(MAX_WAITING),
				(task) -> {
					Thread thread = new Thread(task, "cluster-names");
					thread.setDaemon(true);
					return thread;
				});
	}

	/**
	 * Claims a name without blocking the caller.
	 * @param name the name
	 * @return {@code true} once it is this node's, {@code false} if another node holds
	 * it; completed exceptionally when Redis fails or the answer does not come within the
	 * timeout of the call
	 */
	CompletableFuture<Boolean> claim(String name) {
		CompletableFuture<Long> answer = inTurn(() -> List.of(key(name)), CLAIM, this.ttlMillis);
		return answer.orTimeout(this.timeout.toMillis(), TimeUnit.MILLISECONDS).thenApply((won) -> won == 1);
	}

	/**
	 * Gives back a name without blocking the caller; if the answer is lost, the claim
	 * expires.
	 * @param name the name
	 * @return the answer, once Redis gives it
	 */
	CompletableFuture<Long> release(String name) {
		return inTurn(() -> List.of(key(name)), RELEASE);
	}

	/**
	 * Claims or refreshes the node id and the names, as one script, and waits for the
	 * answer.
	 * @param names the names held on this node, read when the refresh has its turn
	 * @return {@code false} if another live node holds this node's id
	 * @throws RuntimeException if Redis fails or does not answer within the timeout
	 */
	boolean refresh(Supplier<List<String>> names) {
		CompletableFuture<Long> answer = inTurn(() -> keys(names.get()), CLAIM, this.ttlMillis);
		return answer.orTimeout(this.timeout.toMillis(), TimeUnit.MILLISECONDS).join() == 1;
	}

	/**
	 * Gives back the node id and the names, and waits for the answer.
	 * @param names the names held on this node, read when the release has its turn
	 * @throws RuntimeException if Redis fails or does not answer within the timeout
	 */
	void releaseAll(Supplier<List<String>> names) {
		inTurn(() -> keys(names.get()), RELEASE).orTimeout(this.timeout.toMillis(), TimeUnit.MILLISECONDS).join();
	}

	/**
	 * Runs a script once every call asked for before it has ended. The keys are read when
	 * its turn comes; a call whose caller stopped waiting is skipped; each call may take
	 * the timeout.
	 */
	private CompletableFuture<Long> inTurn(Supplier<List<String>> keys, RedisScript<Long> script, String... arguments) {
		CompletableFuture<Long> answer = new CompletableFuture<>();
		try {
			this.turns.execute(() -> run(keys, script, arguments, answer));
		}
		catch (RejectedExecutionException ex) {
			answer.completeExceptionally(
					new RejectedExecutionException(MAX_WAITING + " name claims are waiting for Redis", ex));
		}
		return answer;
	}

	private void run(Supplier<List<String>> keys, RedisScript<Long> script, String[] arguments,
			CompletableFuture<Long> answer) {
		if (answer.isDone()) {
			return;
		}
		List<String> args = new ArrayList<>(arguments.length + 1);
		args.add(this.owner);
		args.addAll(List.of(arguments));
		try {
			Long result = this.redis.execute(script, keys.get(), args)
				.next()
				.toFuture()
				.get(this.timeout.toMillis(), TimeUnit.MILLISECONDS);
			answer.complete(result);
		}
		catch (ExecutionException ex) {
			answer.completeExceptionally(ex.getCause());
		}
		catch (TimeoutException | RuntimeException ex) {
			answer.completeExceptionally(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			answer.completeExceptionally(ex);
		}
	}

	/**
	 * Stops taking calls; those already asked for are dropped, and their claims expire.
	 */
	@Override
	public void close() {
		this.turns.shutdownNow();
	}

	private List<String> keys(List<String> names) {
		List<String> keys = new ArrayList<>(names.size() + 1);
		keys.add(this.nodeKey);
		names.forEach((name) -> keys.add(key(name)));
		return keys;
	}

	private static String key(String name) {
		return PREFIX + "name:" + name.toLowerCase(Locale.ROOT);
	}

}
