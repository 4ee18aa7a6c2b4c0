package io.tcpgateway.cluster;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.resource.Delay;
import io.tcpgateway.settings.GatewayProperties;
import io.tcpgateway.chat.ChatRoom;
import io.tcpgateway.connection.ConnectionRegistry;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer;
import org.springframework.boot.data.redis.autoconfigure.DataRedisProperties;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.dsl.MessageChannels;
import org.springframework.integration.redis.inbound.RedisInboundChannelAdapter;
import org.springframework.integration.redis.outbound.RedisPublishingMessageHandler;
import org.springframework.messaging.MessageChannel;

/**
 * Several nodes, one room, when {@code gateway.cluster.enabled} is on: every node
 * publishes its room events and heartbeats to one Redis channel through Spring
 * Integration's Redis adapters, and takes the others' from it in order; alarms have a
 * stream of their own ({@link AlarmStreamConfiguration}).
 *
 * <pre>
 * ChatRoom ─▶ ClusterRelay ─▶ clusterOut (1 thread) ─▶ RedisPublishingMessageHandler ─▶ Redis channel
 * Redis channel ─▶ RedisInboundChannelAdapter (1 thread) ─▶ ClusterInbox ─▶ ChatRoom, connections
 * </pre>
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("gateway.cluster.enabled")
class ClusterConfiguration {

	/** The one pub/sub channel of the cluster. */
	static final String TOPIC = NameClaims.PREFIX + "cluster";

	/** Below {@link ClusterNode}'s phase and the TCP inbound adapter's. */
	static final int SUBSCRIBER_PHASE = Integer.MAX_VALUE / 2 - 1024;

	@Bean
	ClusterIdentity clusterIdentity(GatewayProperties properties) {
		String nodeId = properties.cluster().nodeId();
		if (nodeId.isBlank()) {
			nodeId = hostName() + ":"
					+ ((properties.tcp().port() != 0) ? properties.tcp().port() : "0-" + ProcessHandle.current().pid());
		}
		return new ClusterIdentity(nodeId, nodeId + " " + UUID.randomUUID());
	}

	@Bean
	ClusterLink clusterLink() {
		return new ClusterLink(Clock.systemUTC());
	}

	@Bean
	ClusterView clusterView() {
		return new ClusterView();
	}

	@Bean
	ClusterCodec clusterCodec() {
		return new ClusterCodec();
	}

	@Bean
	NameClaims nameClaims(StringRedisTemplate redis, ReactiveStringRedisTemplate reactiveRedis,
			DataRedisProperties redisProperties, ClusterIdentity identity, GatewayProperties properties) {
		Duration timeout = (redisProperties.getTimeout() != null) ? redisProperties.getTimeout()
				: Duration.ofSeconds(2);
		return new NameClaims(redis, reactiveRedis, timeout, identity.nodeId(), identity.owner(),
				properties.cluster().nodeTimeout().toMillis());
	}

	@Bean
	ClusterRelay clusterRelay(ClusterIdentity identity, @Qualifier("clusterOut") MessageChannel clusterOut,
			NameClaims nameClaims, ClusterLink link, ClusterView view, ClusterCodec codec,
			ConnectionRegistry registry) {
		return new ClusterRelay(identity.nodeId(), clusterOut, nameClaims, link, view, codec, registry::count);
	}

	/**
	 * One thread, so that lines leave in the order the room saw them, and no client's
	 * thread waits on Redis.
	 * @return the channel
	 */
	@Bean
	MessageChannel clusterOut(PublisherThread publisherThread) {
		return MessageChannels.executor("clusterOut", publisherThread.executor()).getObject();
	}

	@Bean
	PublisherThread clusterPublisherThread() {
		return new PublisherThread(singleThread("cluster-publisher"));
	}

	@Bean
	IntegrationFlow clusterOutboundFlow(RedisConnectionFactory redis, ClusterLink link) {
		RedisPublishingMessageHandler publisher = new RedisPublishingMessageHandler(redis);
		publisher.setTopic(TOPIC);
		return IntegrationFlow.from("clusterOut")
			.handle(publisher, (endpoint) -> endpoint.advice(new LinkAdvice(link)))
			.get();
	}

	@Bean
	ClusterInbox clusterInbox(ClusterIdentity identity, ClusterCodec codec, ClusterView view, ChatRoom chatRoom) {
		return new ClusterInbox(identity.nodeId(), codec, view, chatRoom, Clock.systemUTC());
	}

	/**
	 * Messages are taken one at a time, in the order Redis delivers them, on a thread of
	 * their own rather than Lettuce's event loop, which must never wait for the room. The
	 * subscriber starts before the heartbeat and the TCP server, and its start waits for
	 * Redis to confirm the subscription, so that no client comes in while this node
	 * cannot hear the others.
	 * @param redis the connection factory
	 * @param inbox where the messages go
	 * @return the flow
	 */
	@Bean
	IntegrationFlow clusterInboundFlow(RedisConnectionFactory redis, ClusterInbox inbox) {
		RedisInboundChannelAdapter subscriber = new RedisInboundChannelAdapter(redis);
		subscriber.setTopics(TOPIC);
		subscriber.setTaskExecutor(singleThread("cluster-subscriber"));
		subscriber.setPhase(SUBSCRIBER_PHASE);
		return IntegrationFlow.from(subscriber).handle((message) -> inbox.receive((String) message.getPayload())).get();
	}

	@Bean
	ClusterNode clusterNode(ClusterIdentity identity, ChatRoom chatRoom, ClusterRelay relay, NameClaims nameClaims,
			ClusterView view, ClusterLink link, PublisherThread publisherThread, GatewayProperties properties) {
		GatewayProperties.Cluster cluster = properties.cluster();
		return new ClusterNode(identity.nodeId(), chatRoom, relay, nameClaims, view, link, publisherThread.executor(),
				cluster.heartbeat(), cluster.nodeTimeout(), Clock.systemUTC());
	}

	@Bean
	ClusterMeters clusterMeters(ClusterLink link, ClusterView view, ClusterInbox inbox) {
		return new ClusterMeters(link, view, inbox);
	}

	@Bean
	ClusterEndpoint clusterEndpoint(ClusterIdentity identity, ClusterView view, ClusterLink link,
			ConnectionRegistry registry) {
		return new ClusterEndpoint(identity.nodeId(), view, link, registry, Clock.systemUTC());
	}

	/**
	 * Commands fail at once while Redis is away, instead of queueing until it is back:
	 * lines from then are lost, as the README says, and no thread waits.
	 * @return the customizer
	 */
	@Bean
	LettuceClientOptionsBuilderCustomizer clusterClientOptions() {
		return (options) -> options.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
	}

	/**
	 * Reconnects within a second at most, however long Redis was away, so that a node is
	 * back in the cluster well within the node timeout of the others.
	 * @return the customizer
	 */
	@Bean
	ClientResourcesBuilderCustomizer clusterReconnectDelay() {
		return (resources) -> resources
			.reconnectDelay(Delay.exponential(Duration.ofMillis(50), Duration.ofSeconds(1), 2, TimeUnit.MILLISECONDS));
	}

	private static ExecutorService singleThread(String name) {
		return Executors.newSingleThreadExecutor((task) -> {
			Thread thread = new Thread(task, name);
			thread.setDaemon(true);
			return thread;
		});
	}

	private static String hostName() {
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException ex) {
			return "localhost";
		}
	}

	/**
	 * The one thread that publishes, in order; not an {@code Executor} bean, which would
	 * take the place of Spring Boot's task executor.
	 *
	 * @param executor the thread
	 */
	record PublisherThread(ExecutorService executor) {

	}

	/**
	 * Who this node is in the cluster.
	 *
	 * @param nodeId its id, unique among live nodes
	 * @param owner what its claims in Redis hold, unique to this process
	 */
	record ClusterIdentity(String nodeId, String owner) {

	}

}
