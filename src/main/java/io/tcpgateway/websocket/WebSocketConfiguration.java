package io.tcpgateway.websocket;

import java.time.Duration;

import io.tcpgateway.settings.GatewayProperties;
import io.tcpgateway.connection.Doorkeeper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;

/**
 * The WebSocket door: {@code /ws} on the HTTP port, open to the gateway's own page and
 * the allowed origins, with the same rules and limits as the TCP door.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
class WebSocketConfiguration {

	static final String PATH = "/ws";

	/** Sends never wait, so two threads start them for every browser. */
	private static final int SENDER_THREADS = 2;

	/**
	 * At most this many sends wait for their completion at once: fewer than Tomcat's idle
	 * threads (10 by default), so that it never starts more.
	 */
	private static final int SEND_WINDOW = 8;

	/**
	 * When every send in a full window has waited this long and none completed, they are
	 * waiting for their browsers, not for a thread.
	 */
	private static final Duration SEND_PATIENCE = Duration.ofMillis(5);

	/**
	 * Tomcat writes a close frame with a blocking write (at most 20 ms for a slow
	 * consumer, 1 s for a normal close): a few threads take the closes off the
	 * container's threads.
	 */
	private static final int CLOSER_THREADS = 4;

	@Bean
	WebSocketDoor webSocketDoor(Doorkeeper doorkeeper, GatewayProperties properties) {
		GatewayProperties.Tcp tcp = properties.tcp();
		WebSocketDoor.Settings settings = new WebSocketDoor.Settings(tcp.maxLineLength(), tcp.idleTimeout(),
				tcp.maxPendingOutput().toBytes(), properties.websocket().sendTimeLimit());
		WebSocketOutput.Workers workers = new WebSocketOutput.Workers(executor("ws-send-", SENDER_THREADS),
				new SendWindow(SEND_WINDOW, SEND_PATIENCE.toNanos()), executor("ws-close-", CLOSER_THREADS));
		return new WebSocketDoor(doorkeeper, settings, workers);
	}

	/**
	 * A few threads of the door's own, however many browsers there are; not beans, so
	 * that they do not stand in for the application's task executor.
	 * @param name the prefix of their names
	 * @param threads how many at most
	 * @return the executor
	 */
	private static ThreadPoolTaskExecutor executor(String name, int threads) {
		ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
		executor.setCorePoolSize(threads);
		executor.setMaxPoolSize(threads);
		executor.setAllowCoreThreadTimeOut(true);
		executor.setThreadNamePrefix(name);
		executor.setDaemon(true);
		executor.initialize();
		return executor;
	}

	@Bean
	WebSocketConfigurer webSocketEndpoint(WebSocketDoor webSocketDoor, GatewayProperties properties) {
		String[] origins = properties.websocket().allowedOrigins().toArray(String[]::new);
		return (registry) -> registry.addHandler(webSocketDoor, PATH).setAllowedOrigins(origins);
	}

	@Bean
	WebSocketDoorLifecycle webSocketDoorLifecycle(WebSocketDoor webSocketDoor, GatewayProperties properties) {
		return new WebSocketDoorLifecycle(webSocketDoor, properties.websocket().sendTimeLimit());
	}

}
