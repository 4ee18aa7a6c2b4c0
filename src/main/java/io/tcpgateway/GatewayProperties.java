package io.tcpgateway;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import io.tcpgateway.protocol.Mode;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Every setting of the gateway, bound from the {@code gateway.*} keys of
 * {@code application.yml}.
 *
 * @param greeting the line sent to each client on connect; empty sends nothing
 * @param defaultMode the mode a new connection starts in
 * @param shutdownMessage the line sent to each client on a graceful shutdown
 * @param tcp the TCP server settings
 * @param events the connection event log settings
 * @param chat the chat room settings
 * @param cluster the settings of several nodes that share one room over Redis
 */
@Validated
@ConfigurationProperties("gateway")
public record GatewayProperties(@DefaultValue("Mensagem do servidor!") @NotNull String greeting,
		@DefaultValue("echo") @NotNull Mode defaultMode,
		@DefaultValue("Server is shutting down, goodbye.") @NotNull String shutdownMessage,
		@DefaultValue @Valid Tcp tcp, @DefaultValue @Valid Events events, @DefaultValue @Valid Chat chat,
		@DefaultValue @Valid Cluster cluster) {

	/**
	 * TCP server settings and limits.
	 *
	 * @param port the port to listen on; 0 picks a free one
	 * @param maxLineLength the longest accepted line in bytes, not counting its ending
	 * @param maxConnections the most connections open at once
	 * @param idleTimeout how long a connection may send nothing; 0 means never
	 * @param maxPendingOutput the most output queued inside the gateway per connection
	 * @param backlog the listen backlog for connections not yet accepted
	 * @param ioThreads the event loop threads that serve every connection; 0 means one
	 * per core
	 */
	public record Tcp(@DefaultValue("8080") @Min(0) @Max(65535) int port,
			@DefaultValue("8192") @Min(16) @Max(1048576) int maxLineLength,
			@DefaultValue("10000") @Min(1) int maxConnections, @DefaultValue("10m") @NotNull Duration idleTimeout,
			@DefaultValue("1MB") @NotNull DataSize maxPendingOutput, @DefaultValue("1024") @Min(1) int backlog,
			@DefaultValue("0") @Min(0) int ioThreads) {

	}

	/**
	 * Connection event log settings.
	 *
	 * @param capacity how many recent events are kept
	 */
	public record Events(@DefaultValue("1000") @Min(1) int capacity) {

	}

	/**
	 * Chat room settings.
	 *
	 * @param maxLinesPerSecond the most chat lines one connection may send a second, with
	 * a burst of as many; more are dropped; 0 means no limit
	 */
	public record Chat(@DefaultValue("20") @Min(0) int maxLinesPerSecond) {

	}

	/**
	 * Cluster settings: several nodes that share one chat room, the alarms and the count
	 * of connections, over the Redis of {@code spring.data.redis.*}.
	 *
	 * @param enabled whether this node joins a cluster; off, it needs no Redis
	 * @param nodeId this node's id, unique among live nodes; empty means the host name
	 * and the TCP port
	 * @param heartbeat how often this node tells the others it is alive
	 * @param nodeTimeout how long a node may go unheard before the others drop it
	 */
	public record Cluster(@DefaultValue("false") boolean enabled, @DefaultValue("") @NotNull String nodeId,
			@DefaultValue("2s") @NotNull Duration heartbeat, @DefaultValue("10s") @NotNull Duration nodeTimeout) {

	}

}
