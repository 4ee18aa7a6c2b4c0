package io.tcpgateway.connection;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.commons.logging.Log;

/**
 * A thread of its own that writes log lines for the event loops, which must never wait
 * for a console or a file: the queue is bounded, and a line that does not fit is dropped
 * and counted in the next line written.
 */
final class LogWriter {

	private static final int CAPACITY = 16_384;

	private final ThreadPoolExecutor thread;

	private final AtomicLong dropped = new AtomicLong();

	LogWriter() {
		this.thread = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(CAPACITY),
				(task) -> {
					Thread writer = new Thread(task, "event-log");
					writer.setDaemon(true);
					return writer;
				}, (task, executor) -> this.dropped.incrementAndGet());
	}

	/**
	 * Writes a line at INFO, or at WARN, without waiting.
	 * @param logger the logger
	 * @param warn whether it is a warning
	 * @param line the line, escaped already
	 */
	void write(Log logger, boolean warn, String line) {
		this.thread.execute(() -> {
			long lost = this.dropped.getAndSet(0);
			String text = (lost > 0) ? line + " (" + lost + " earlier log lines dropped: the log could not keep up)"
					: line;
			if (warn) {
				logger.warn(text);
			}
			else {
				logger.info(text);
			}
		});
	}

}
