package io.tcpgateway.cluster;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionHandler;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The single threads between this node and Redis, each with a bounded queue: a message
 * that finds its queue full is dropped, counted in {@code cluster.dropped{direction}} and
 * logged at most once a minute, so that a slow Redis or a flood costs lines, never
 * memory.
 */
final class QueueDrops {

	private final Map<String, LongAdder> dropped = new ConcurrentHashMap<>();

	private final Clock clock;

	QueueDrops(Clock clock) {
		this.clock = clock;
	}

	/**
	 * How many messages the queues of one direction dropped; {@link ClusterMeters} adds
	 * them to {@code cluster.dropped}.
	 * @param direction {@code out} or {@code in}
	 * @return the count
	 */
	long dropped(String direction) {
		LongAdder count = this.dropped.get(direction);
		return (count != null) ? count.sum() : 0;
	}

	/**
	 * A single thread with a bounded queue.
	 * @param name the thread's name
	 * @param capacity how many tasks may wait
	 * @param direction {@code out} towards Redis, {@code in} from it
	 * @return the executor
	 */
	ThreadPoolExecutor singleThread(String name, int capacity, String direction) {
		return new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(capacity), (task) -> {
			Thread thread = new Thread(task, name);
			thread.setDaemon(true);
			return thread;
		}, dropping(name, capacity, direction));
	}

	private RejectedExecutionHandler dropping(String name, int capacity, String direction) {
		LongAdder dropped = this.dropped.computeIfAbsent(direction, (key) -> new LongAdder());
		ThrottledWarning warning = new ThrottledWarning(QueueDrops.class,
				"dropped cluster messages: the queue of " + name + " is full");
		return (task, executor) -> {
			// Once stopping, whatever comes late has nowhere to go.
			if (!executor.isShutdown()) {
				dropped.increment();
				warning.warn(this.clock.instant(), capacity + " waiting");
			}
		};
	}

}
