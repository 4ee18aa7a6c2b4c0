package io.tcpgateway.websocket;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * Runs the WebSocket door's send time check while the gateway runs, and through the
 * shutdown's goodbye, which {@code tcp.TcpServerLifecycle} says to both doors at once.
 */
final class WebSocketDoorLifecycle implements SmartLifecycle {

	/**
	 * Below the goodbye's phase and above the web server's graceful shutdown, so this
	 * stops after the goodbye and before the web server.
	 */
	static final int PHASE = Integer.MAX_VALUE - 768;

	private final WebSocketDoor door;

	private final Duration sendTimeLimit;

	private @Nullable ThreadPoolTaskScheduler scheduler;

	private volatile boolean running;

	WebSocketDoorLifecycle(WebSocketDoor door, Duration sendTimeLimit) {
		this.door = door;
		this.sendTimeLimit = sendTimeLimit;
	}

	@Override
	public void start() {
		ThreadPoolTaskScheduler timer = new ThreadPoolTaskScheduler();
		timer.setThreadNamePrefix("ws-timer-");
		timer.setDaemon(true);
		timer.initialize();
		// every second, or a quarter of the limit
		long every = Math.max(10, Math.min(1000, this.sendTimeLimit.toMillis() / 4));
		timer.scheduleAtFixedRate(this.door::closeStalled, Duration.ofMillis(every));
		this.scheduler = timer;
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
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
