package io.tcpgateway.websocket;

import java.time.Duration;

import io.tcpgateway.settings.GatewayProperties;
import io.tcpgateway.connection.ConnectionRegistry;
import io.tcpgateway.connection.Doorkeeper;

import org.springframework.boot.autoconfigure.context.LifecycleProperties;
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

	@Bean
	WebSocketDoor webSocketDoor(Doorkeeper doorkeeper, GatewayProperties properties) {
		GatewayProperties.Tcp tcp = properties.tcp();
		WebSocketDoor.Settings settings = new WebSocketDoor.Settings(tcp.maxLineLength(), tcp.idleTimeout(),
				tcp.maxPendingOutput().toBytes(), properties.websocket().sendTimeLimit());
		return new WebSocketDoor(doorkeeper, settings, webSocketWriter());
	}

	/**
	 * Threads that write to browsers, as many as are writing at once; one that a browser
	 * holds up is let go after the send time limit.
	 * @return the executor
	 */
	private static ThreadPoolTaskExecutor webSocketWriter() {
		ThreadPoolTaskExecutor writer = new ThreadPoolTaskExecutor();
		writer.setCorePoolSize(0);
		writer.setQueueCapacity(0);
		writer.setThreadNamePrefix("ws-write-");
		writer.setDaemon(true);
		writer.initialize();
		return writer;
	}

	@Bean
	WebSocketConfigurer webSocketEndpoint(WebSocketDoor webSocketDoor, GatewayProperties properties) {
		String[] origins = properties.websocket().allowedOrigins().toArray(String[]::new);
		return (registry) -> registry.addHandler(webSocketDoor, PATH).setAllowedOrigins(origins);
	}

}
