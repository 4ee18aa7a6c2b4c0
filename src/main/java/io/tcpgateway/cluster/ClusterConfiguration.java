package io.tcpgateway.cluster;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
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
 * heartbeat thread ─▶ Liveness.ping ─▶ liveness channel ─▶ RedisInboundChannelAdapter (1 thread) ─▶ Liveness
 * </pre>
 *
 * Each of those threads has a bounded queue ({@link QueueDrops}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("gateway.cluster.enabled")
class ClusterConfiguration {

	/** The one pub/sub channel of the cluster. */
	static final String TOPIC = NameClaims.PREFIX + "cluster";

	/** Below {@link ClusterNode}'s phase and the TCP inbound adapter's. */
	static final int SUBSCRIBER_PHASE = Integer.MAX_VALUE / 2 - 1024;

	/**
	 * How many messages may wait for the publisher or the subscriber: a few seconds of a
	 * busy room, a few megabytes at most.
	 */
	static final int QUEUE_CAPACITY = 10_000;

	/** How many pings may wait: a whole cluster's for many heartbeats. */
	static final int LIVENESS_QUEUE_CAPACITY = 1_000;

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
	Incarnation incarnation() {
		return new Incarnation(Clock.systemUTC());
	}

	@Bean
	QueueDrops clusterQueueDrops() {
		return new QueueDrops(Clock.systemUTC());
	}

	@Bean
	RedisReachability redisReachability() {
		return new RedisReachability(Clock.systemUTC());
	}

	@Bean
	ClusterView clusterView() {
		return new ClusterView();
	}

	@Bean
	ClusterCodec clusterCodec(Incarnation incarnation) {
		return new ClusterCodec(incarnation::epoch);
	}

	@Bean
	Liveness liveness(ClusterIdentity identity, ClusterCodec codec, ClusterView view, StringRedisTemplate redis) {
		return new Liveness(identity.nodeId(), codec, view, redis, Clock.systemUTC());
	}

	@Bean
	NameClaims nameClaims(ReactiveStringRedisTemplate reactiveRedis, DataRedisProperties redisProperties,
			ClusterIdentity identity, GatewayProperties properties) {
		Duration timeout = (redisProperties.getTimeout() != null) ? redisProperties.getTimeout()
				: Duration.ofSeconds(2);
		return new NameClaims(reactiveRedis, timeout, identity.nodeId(), identity.owner(),
				properties.cluster().nodeTimeout().toMillis());
	}

	@Bean
	ClusterRelay clusterRelay(ClusterIdentity identity, @Qualifier("clusterOut") MessageChannel clusterOut,
			NameClaims nameClaims, RedisReachability link, ClusterView view, ClusterCodec codec,
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
	PublisherThread clusterPublisherThread(QueueDrops drops) {
		return new PublisherThread(drops.singleThread("cluster-publisher", QUEUE_CAPACITY, "out"));
	}

	@Bean
	IntegrationFlow clusterOutboundFlow(RedisConnectionFactory redis, RedisReachability link) {
		RedisPublishingMessageHandler publisher = new RedisPublishingMessageHandler(redis);
		publisher.setTopic(TOPIC);
		return IntegrationFlow.from("clusterOut")
			.handle(publisher, (endpoint) -> endpoint.advice(new PublishFailureAdvice(link)))
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
	IntegrationFlow clusterInboundFlow(ClusterSubscriptions subscriptions, ClusterInbox inbox) {
		return IntegrationFlow.from(subscriptions.subscriber(TOPIC))
			.handle((message) -> inbox.receive((String) message.getPayload()))
			.get();
	}

	/**
	 * The pings, on a subscription and a thread of their own, so that they never wait
	 * behind chat.
	 * @param subscriptions the subscriptions
	 * @param liveness where the pings go
	 * @return the flow
	 */
	@Bean
	IntegrationFlow clusterLivenessFlow(ClusterSubscriptions subscriptions, Liveness liveness) {
		return IntegrationFlow.from(subscriptions.subscriber(Liveness.TOPIC))
			.handle((message) -> liveness.receive((String) message.getPayload()))
			.get();
	}

	@Bean
	ClusterSubscriptions clusterSubscriptions(RedisConnectionFactory redis, QueueDrops drops) {
		return new ClusterSubscriptions(redis,
				Map.of(TOPIC, subscriber(redis, TOPIC, drops.singleThread("cluster-subscriber", QUEUE_CAPACITY, "in")),
						Liveness.TOPIC, subscriber(redis, Liveness.TOPIC,
								drops.singleThread("cluster-liveness", LIVENESS_QUEUE_CAPACITY, "in"))));
	}

	private static RedisInboundChannelAdapter subscriber(RedisConnectionFactory redis, String topic,
			Executor executor) {
		RedisInboundChannelAdapter subscriber = new RedisInboundChannelAdapter(redis);
		subscriber.setTopics(topic);
		subscriber.setTaskExecutor(executor);
		subscriber.setPhase(SUBSCRIBER_PHASE);
		return subscriber;
	}

	@Bean
	ClusterNode clusterNode(ClusterIdentity identity, ChatRoom chatRoom, ClusterRelay relay, NameClaims nameClaims,
			ClusterView view, RedisReachability link, PublisherThread publisherThread, Liveness liveness,
			Incarnation incarnation, ClusterSubscriptions subscriptions, GatewayProperties properties) {
		GatewayProperties.Cluster cluster = properties.cluster();
		checkTiming(cluster);
		return new ClusterNode(identity.nodeId(), chatRoom, relay, nameClaims, view, link, publisherThread.executor(),
				liveness, incarnation, subscriptions, cluster.heartbeat(), cluster.nodeTimeout(), Clock.systemUTC());
	}

	/**
	 * Refuses a heartbeat so slow that claims would expire between renewals and nodes
	 * would drop each other.
	 * @param cluster the settings
	 */
	static void checkTiming(GatewayProperties.Cluster cluster) {
		if (cluster.heartbeat().multipliedBy(3).compareTo(cluster.nodeTimeout()) > 0) {
			throw new IllegalStateException("gateway.cluster.heartbeat (" + cluster.heartbeat().toMillis()
					+ "ms) must be at most a third of gateway.cluster.node-timeout (" + cluster.nodeTimeout().toMillis()
					+ "ms), so that a node is heard from at least three times" + " before the others drop it");
		}
	}

	@Bean
	ClusterMeters clusterMeters(RedisReachability link, ClusterView view, ClusterInbox inbox, QueueDrops queueDrops) {
		return new ClusterMeters(link, view, inbox, queueDrops);
	}

	@Bean
	ClusterEndpoint clusterEndpoint(ClusterIdentity identity, ClusterView view, RedisReachability link,
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
