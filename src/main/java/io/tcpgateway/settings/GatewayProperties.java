package io.tcpgateway.settings;

import java.time.Duration;
import java.util.List;

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
 * @param tls the TLS listener settings
 * @param events the connection event log settings
 * @param chat the chat room settings
 * @param websocket the WebSocket door settings
 * @param cluster the settings of several nodes that share one room over Redis
 * @param alarms the operator alarms' history and stream
 */
@Validated
@ConfigurationProperties("gateway")
public record GatewayProperties(@DefaultValue("Mensagem do servidor!") @NotNull String greeting,
		@DefaultValue("echo") @NotNull Mode defaultMode,
		@DefaultValue("Server is shutting down, goodbye.") @NotNull String shutdownMessage,
		@DefaultValue @Valid Tcp tcp, @DefaultValue @Valid Tls tls, @DefaultValue @Valid Events events,
		@DefaultValue @Valid Chat chat, @DefaultValue @Valid WebSocket websocket, @DefaultValue @Valid Cluster cluster,
		@DefaultValue @Valid Alarms alarms) {

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
	 * @param maxConnectionsPerAddress the most connections open at once from one client
	 * address; 0 means no limit
	 * @param proxyProtocol whether every connection on both listeners starts with a PROXY
	 * protocol header, v1 or v2
	 * @param proxyProtocolTrusted the addresses or CIDR blocks of the proxies whose
	 * headers are believed
	 */
	public record Tcp(@DefaultValue("8080") @Min(0) @Max(65535) int port,
			@DefaultValue("8192") @Min(16) @Max(1048576) int maxLineLength,
			@DefaultValue("10000") @Min(1) int maxConnections, @DefaultValue("10m") @NotNull Duration idleTimeout,
			@DefaultValue("1MB") @NotNull DataSize maxPendingOutput, @DefaultValue("1024") @Min(1) int backlog,
			@DefaultValue("0") @Min(0) int ioThreads, @DefaultValue("0") @Min(0) int maxConnectionsPerAddress,
			@DefaultValue("false") boolean proxyProtocol, @DefaultValue( {
					"127.0.0.0/8", "::1" }) @NotNull List<String> proxyProtocolTrusted){

	}

	/**
	 * The TLS listener, which serves the same protocol as the plain one.
	 *
	 * @param port the TLS port; 0 picks a free one
	 * @param bundle the Spring Boot SSL bundle with the key and certificate; empty means
	 * no TLS listener
	 * @param handshakeTimeout how long a client may take to complete the handshake
	 * @param clientAuth whether clients are asked for a certificate
	 */
	public record Tls(@DefaultValue("8443") @Min(0) @Max(65535) int port, @DefaultValue("") @NotNull String bundle,
			@DefaultValue("10s") @NotNull Duration handshakeTimeout,
			@DefaultValue("none") @NotNull ClientAuth clientAuth) {

		/**
		 * Whether the TLS listener runs.
		 * @return {@code true} when a bundle is named
		 */
		public boolean enabled() {
			return !this.bundle.isBlank();
		}

	}

	/**
	 * Whether the TLS listener asks clients for a certificate.
	 */
	public enum ClientAuth {

		/** Never asks. */
		NONE,

		/** Asks, and accepts a client without one. */
		WANT,

		/** Asks, and refuses a client without a trusted one. */
		NEED

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
	 * WebSocket door settings; its connections share the TCP limits.
	 *
	 * @param allowedOrigins the origins whose pages may open {@code /ws}; empty means
	 * only the gateway's own page
	 * @param sendTimeLimit the longest one line may take to be written to a browser
	 * before it is closed as a slow consumer
	 */
	public record WebSocket(@DefaultValue @NotNull List<String> allowedOrigins,
			@DefaultValue("10s") @NotNull Duration sendTimeLimit) {

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

	/**
	 * Operator alarm settings.
	 *
	 * @param history how many recent alarms {@code /alarms} lists, kept in memory on
	 * every node
	 * @param streamLength about how many alarms the cluster's Redis stream keeps
	 * ({@code XADD ... MAXLEN ~}): how far a node cut off from Redis can catch up
	 */
	public record Alarms(@DefaultValue("20") @Min(1) @Max(10000) int history,
			@DefaultValue("10000") @Min(1) int streamLength) {

	}

}
