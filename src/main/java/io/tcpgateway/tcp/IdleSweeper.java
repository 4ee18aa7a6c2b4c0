package io.tcpgateway.tcp;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;

import io.tcpgateway.connection.CloseReason;
import io.tcpgateway.connection.Connection;
import io.tcpgateway.connection.ConnectionRegistry;
import io.tcpgateway.connection.EventLog;
import io.tcpgateway.connection.EventType;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.TaskScheduler;

/**
 * Closes connections that sent nothing for the idle timeout, and any connection still
 * open a while after the gateway decided to close it.
 *
 * <p>
 * A sweep replaces the socket read timeout: on virtual threads a timed read costs a timer
 * and extra thread switches for every line, while a sweep costs one pass over the
 * connections now and then.
 */
final class IdleSweeper implements SmartLifecycle {

	/** How long a notice may take to flush before its connection is closed anyway. */
	static final Duration CLOSE_GRACE = Duration.ofSeconds(5);

	private final ConnectionRegistry registry;

	private final ConnectionControl control;

	private final EventLog events;

	private final TaskScheduler scheduler;

	private final long idleTimeoutMillis;

	private final String idleFor;

	private @Nullable ScheduledFuture<?> sweeps;

	IdleSweeper(ConnectionRegistry registry, ConnectionControl control, EventLog events, TaskScheduler scheduler,
			Duration idleTimeout) {
		this.registry = registry;
		this.control = control;
		this.events = events;
		this.scheduler = scheduler;
		this.idleTimeoutMillis = idleTimeout.toMillis();
		this.idleFor = "no input for " + DurationText.of(idleTimeout);
	}

	void sweep() {
		long now = System.currentTimeMillis();
		for (Connection connection : this.registry.all()) {
			long closingSince = connection.closingSinceMillis();
			if (closingSince > 0 && now - closingSince > CLOSE_GRACE.toMillis()) {
				this.control.close(connection, CloseReason.ERROR);
			}
			else if (this.idleTimeoutMillis > 0 && connection.idleMillis(now) >= this.idleTimeoutMillis
					&& connection.closing(CloseReason.IDLE)) {
				this.events.record(EventType.IDLE_TIMEOUT, connection, this.idleFor);
				connection.outbox()
					.closeAfter("ERR idle timeout (" + this.idleFor + "), closing", CloseReason.IDLE, false);
			}
		}
	}

	@Override
	public void start() {
		long period = (this.idleTimeoutMillis > 0) ? Math.min(1000, Math.max(50, this.idleTimeoutMillis / 10)) : 1000;
		this.sweeps = this.scheduler.scheduleAtFixedRate(this::sweep, Duration.ofMillis(period));
	}

	@Override
	public void stop() {
		ScheduledFuture<?> running = this.sweeps;
		if (running != null) {
			running.cancel(false);
			this.sweeps = null;
		}
	}

	@Override
	public boolean isRunning() {
		return this.sweeps != null;
	}

	/**
	 * Writes a duration the way people say it: {@code 10m}, {@code 45s}, {@code 500ms}.
	 */
	static final class DurationText {

		private DurationText() {
		}

		static String of(Duration duration) {
			long millis = duration.toMillis();
			if (millis > 0 && millis % 60_000 == 0) {
				return (millis / 60_000) + "m";
			}
			return (millis % 1000 == 0) ? (millis / 1000) + "s" : millis + "ms";
		}

	}

}
