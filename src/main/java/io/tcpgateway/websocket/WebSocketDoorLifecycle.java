package io.tcpgateway.websocket;

import java.time.Duration;
import java.util.function.Predicate;

import io.tcpgateway.connection.Connection;
import io.tcpgateway.connection.ConnectionRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * Runs the WebSocket door's idle and send time checks while the gateway runs, and on
 * shutdown says goodbye to every browser before the web server stops and drops them.
 */
final class WebSocketDoorLifecycle implements SmartLifecycle {

	/** Above the web server's graceful shutdown phase, so this stops first. */
	static final int PHASE = Integer.MAX_VALUE - 512;

	private static final Predicate<Connection> BROWSERS = (connection) -> WebSocketDoor.TRANSPORT
		.equals(connection.peer().transport());

	private final WebSocketDoor door;

	private final ConnectionRegistry registry;

	private final Duration idleTimeout;

	private final Duration sendTimeLimit;

	private final String shutdownMessage;

	private final Duration drainTimeout;

	private @Nullable ThreadPoolTaskScheduler scheduler;

	private volatile boolean running;

	WebSocketDoorLifecycle(WebSocketDoor door, ConnectionRegistry registry, Duration idleTimeout,
			Duration sendTimeLimit, String shutdownMessage, Duration drainTimeout) {
		this.door = door;
		this.registry = registry;
		this.idleTimeout = idleTimeout;
		this.sendTimeLimit = sendTimeLimit;
		this.shutdownMessage = shutdownMessage;
		this.drainTimeout = drainTimeout;
	}

	@Override
	public void start() {
		ThreadPoolTaskScheduler timer = new ThreadPoolTaskScheduler();
		timer.setThreadNamePrefix("ws-timer-");
		timer.setDaemon(true);
		timer.initialize();
		if (!this.idleTimeout.isZero()) {
			timer.scheduleAtFixedRate(this.door::closeIdle, every(this.idleTimeout));
		}
		timer.scheduleAtFixedRate(this.door::closeStalled, every(this.sendTimeLimit));
		this.scheduler = timer;
		this.running = true;
	}

	/**
	 * How often to check a time limit: every second, or a quarter of the limit.
	 */
	private static Duration every(Duration limit) {
		return Duration.ofMillis(Math.max(10, Math.min(1000, limit.toMillis() / 4)));
	}

	@Override
	public void stop() {
		this.running = false;
		// the web server drops those still open after the wait; meanwhile the timer goes
		// on closing the browsers that do not read
		this.registry.sayGoodbye(this.shutdownMessage, BROWSERS, "browser(s)", this.drainTimeout);
		ThreadPoolTaskScheduler timer = this.scheduler;
		if (timer != null) {
			timer.shutdown();
			this.scheduler = null;
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

}
