package io.tcpgateway.connection;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;

/**
 * The timer of the idle timeout: a thread of its own that asks the doorkeeper, a few
 * times per timeout and at least once a second, to close the connections of every door
 * that have been quiet too long.
 */
final class IdleSweep implements SmartLifecycle {

	private final Doorkeeper doorkeeper;

	private final long periodMillis;

	private volatile @Nullable ScheduledExecutorService timer;

	IdleSweep(Doorkeeper doorkeeper, Duration idleTimeout) {
		this.doorkeeper = doorkeeper;
		this.periodMillis = Math.max(10, Math.min(1000, idleTimeout.toMillis() / 10));
	}

	@Override
	public void start() {
		ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "idle-sweep");
			thread.setDaemon(true);
			return thread;
		});
		scheduler.scheduleWithFixedDelay(this::sweep, this.periodMillis, this.periodMillis, TimeUnit.MILLISECONDS);
		this.timer = scheduler;
	}

	private void sweep() {
		try {
			this.doorkeeper.closeIdle();
		}
		catch (RuntimeException ex) {
			// the next sweep tries again; a timer task that throws would stop the timer
		}
	}

	@Override
	public void stop() {
		ScheduledExecutorService scheduler = this.timer;
		if (scheduler != null) {
			scheduler.shutdownNow();
		}
		this.timer = null;
	}

	@Override
	public boolean isRunning() {
		return this.timer != null;
	}

}
