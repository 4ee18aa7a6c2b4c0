package io.tcpgateway.websocket;

import java.time.Duration;
import java.util.function.Predicate;

import io.tcpgateway.connection.Connection;
import io.tcpgateway.connection.ConnectionRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * Runs the WebSocket door's idle check while the gateway runs, and on shutdown says
 * goodbye to every browser before the web server stops and drops them.
 */
final class WebSocketDoorLifecycle implements SmartLifecycle {

	/** Above the web server's graceful shutdown phase, so this stops first. */
	static final int PHASE = Integer.MAX_VALUE - 512;

	private static final Predicate<Connection> BROWSERS = (connection) -> WebSocketDoor.TRANSPORT
		.equals(connection.peer().transport());

	private final WebSocketDoor door;

	private final ConnectionRegistry registry;

	private final Duration idleTimeout;

	private final String shutdownMessage;

	private final Duration drainTimeout;

	private @Nullable ThreadPoolTaskScheduler scheduler;

	private volatile boolean running;

	WebSocketDoorLifecycle(WebSocketDoor door, ConnectionRegistry registry, Duration idleTimeout,
			String shutdownMessage, Duration drainTimeout) {
		this.door = door;
		this.registry = registry;
		this.idleTimeout = idleTimeout;
		this.shutdownMessage = shutdownMessage;
		this.drainTimeout = drainTimeout;
	}

	@Override
	public void start() {
		if (!this.idleTimeout.isZero()) {
			ThreadPoolTaskScheduler idleCheck = new ThreadPoolTaskScheduler();
			idleCheck.setThreadNamePrefix("ws-idle-");
			idleCheck.setDaemon(true);
			idleCheck.initialize();
			long every = Math.max(10, Math.min(1000, this.idleTimeout.toMillis() / 4));
			idleCheck.scheduleAtFixedRate(this.door::closeIdle, Duration.ofMillis(every));
			this.scheduler = idleCheck;
		}
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		ThreadPoolTaskScheduler idleCheck = this.scheduler;
		if (idleCheck != null) {
			idleCheck.shutdown();
			this.scheduler = null;
		}
		// the web server drops those still open after the wait
		this.registry.sayGoodbye(this.shutdownMessage, BROWSERS, "browser(s)", this.drainTimeout);
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
