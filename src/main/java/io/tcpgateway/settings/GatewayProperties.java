package io.tcpgateway.settings;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import io.tcpgateway.protocol.Mode;

import org.jspecify.annotations.Nullable;
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
 * @param security the users of the admin endpoints besides the operator of
 * {@code spring.security.user.*}
 * @param udp the settings of alarms from monitored machines over UDP
 * @param alarms the operator alarms' history and stream
 */
@Validated
@ConfigurationProperties("gateway")
public record GatewayProperties(@DefaultValue("Mensagem do servidor!") @NotNull String greeting,
		@DefaultValue("echo") @NotNull Mode defaultMode,
		@DefaultValue("Server is shutting down, goodbye.") @NotNull String shutdownMessage,
		@DefaultValue @Valid Tcp tcp, @DefaultValue @Valid Tls tls, @DefaultValue @Valid Events events,
		@DefaultValue @Valid Chat chat, @DefaultValue @Valid WebSocket websocket, @DefaultValue @Valid Cluster cluster,
		@DefaultValue @Valid Security security, @DefaultValue @Valid Udp udp, @DefaultValue @Valid Alarms alarms) {

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
	 * The users of the admin endpoints besides the operator, who is
	 * {@code spring.security.user.*}.
	 *
	 * @param viewer the user who may read every admin endpoint and act on none
	 */
	public record Security(@DefaultValue @Valid Viewer viewer) {

	}

	/**
	 * The viewer: reads connections, events, the cluster, health details and metrics, and
	 * may neither kick nor broadcast.
	 *
	 * @param name the viewer's user name; empty means there is no viewer
	 * @param password the viewer's password, in clear or as {@code {bcrypt}HASH}
	 */
	public record Viewer(@DefaultValue("") @NotNull String name, @DefaultValue("") @NotNull String password) {

		/**
		 * Whether there is a viewer.
		 * @return {@code true} when a name is set
		 */
		public boolean enabled() {
			return !this.name.isBlank();
		}

		/**
		 * Whether a named viewer has a password: a viewer without one could never log in,
		 * so the gateway does not start.
		 * @return {@code false} when a name is set without a password
		 */
		@AssertTrue(message = "gateway.security.viewer.password must be set when gateway.security.viewer.name is")
		public boolean isPasswordSetForName() {
			return !enabled() || !this.password.isBlank();
		}

	}

	/**
	 * Alarms from monitored machines: signed UDP datagrams, each one an alarm to every
	 * client.
	 *
	 * @param alarmPort the UDP port; unset means no listener, 0 picks a free one
	 * @param alarmAddress the local address the port is bound to; empty means every
	 * interface
	 * @param alarmSecret the key of the datagrams' HMAC-SHA256; without one the port does
	 * not open
	 * @param alarmWindow how far a datagram's time may be from the gateway's clock,
	 * either way; a datagram is remembered this long to refuse it again
	 * @param alarmSources the addresses or CIDR blocks that may send alarms; datagrams
	 * from any other are dropped first
	 * @param alarmRatePerSource the most datagrams one source address may send a second,
	 * in bursts of as many; 0 means no limit
	 */
	public record Udp(@Nullable @Min(0) @Max(65535) Integer alarmPort, @DefaultValue("") @NotNull String alarmAddress,
			@DefaultValue("") @NotNull String alarmSecret, @DefaultValue("30s") @NotNull Duration alarmWindow,
			@DefaultValue( {
					"127.0.0.0/8", "::1" }) @NotNull List<String> alarmSources,
			@DefaultValue("10") @Min(0) int alarmRatePerSource){

		/**
		 * The shortest secret that opens the port, in bytes: a guessable key is no key.
		 */
		public static final int MIN_SECRET_BYTES = 16;

		/**
		 * Why the alarm port, though set, does not open.
		 * @return the reason, or {@code null} when it opens or is not set
		 */
		public @Nullable String closedBecause() {
			if (this.alarmPort == null) {
				return null;
			}
			if (this.alarmSecret.isEmpty()) {
				return "gateway.udp.alarm-secret is not set";
			}
			if (this.alarmSecret.getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
				return "gateway.udp.alarm-secret is shorter than " + MIN_SECRET_BYTES + " bytes";
			}
			return null;
		}

		/**
		 * Whether the alarm port opens.
		 * @return {@code true} when a port and a good secret are set
		 */
		public boolean opens() {
			return this.alarmPort != null && closedBecause() == null;
		}

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
