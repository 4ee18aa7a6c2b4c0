package io.tcpgateway.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.tcpgateway.support.FreePorts;
import io.tcpgateway.support.RedisServer;
import org.junit.jupiter.api.Test;

import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.integration.ip.tcp.connection.TcpConnectionServerListeningEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A node opens its TCP port only once it hears the cluster, so that a client that comes
 * in as soon as the port opens, as HAProxy sends them, misses nothing from other nodes.
 */
class ClusterStartupIntegrationTests {

	@Test
	void theNodeIsSubscribedToTheClusterChannelWhenItsTcpPortOpens() throws Exception {
		try (RedisServer redis = RedisServer.startOnFreePort()) {
			CompletableFuture<Long> subscribersWhenListening = new CompletableFuture<>();
			ApplicationListener<ApplicationEvent> listening = (event) -> {
				if (event instanceof TcpConnectionServerListeningEvent) {
					try {
						subscribersWhenListening.complete(redis.subscribers(ClusterConfiguration.TOPIC));
					}
					catch (IOException ex) {
						subscribersWhenListening.completeExceptionally(new UncheckedIOException(ex));
					}
				}
			};
			try (ClusterTestNode node = ClusterTestNode.start("node-a", redis.port(), List.of(listening))) {
				assertThat(subscribersWhenListening.get(10, TimeUnit.SECONDS)).isOne();
				assertThat(node.liveNodes()).containsExactly("node-a");
			}
		}
	}

	@Test
	void aHeartbeatAboveAThirdOfTheNodeTimeoutFailsStartupNamingBothSettings() {
		assertThatThrownBy(() -> ClusterTestNode.start("node-a", FreePorts.loopback(),
				"gateway.cluster.heartbeat=600ms", "gateway.cluster.node-timeout=1500ms"))
			.rootCause()
			.isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("gateway.cluster.heartbeat (600ms)")
			.hasMessageContaining("gateway.cluster.node-timeout (1500ms)");
	}

}
