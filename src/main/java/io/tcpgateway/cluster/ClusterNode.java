package io.tcpgateway.cluster;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.tcpgateway.chat.ChatRoom;
import io.tcpgateway.chat.RoomEvent;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.SmartLifecycle;

/**
 * This node's life in the cluster: refuses to start beside a live node with the same id,
 * then on every heartbeat renews its claims, pings the others, tells them who is here,
 * drops the nodes not heard from within the node timeout, announcing that their members
 * left, and tells its members when the room splits and heals.
 *
 * <p>
 * After a silence that the others may have taken for its death it comes back as a new
 * {@link Incarnation}. Its connections to Redis are renewed when they may lead to a
 * server that hangs. On shutdown the heartbeat stops first, then the goodbye is the last
 * message published, and the claims are given back after it.
 */
final class ClusterNode implements SmartInitializingSingleton, SmartLifecycle {

	private static final Log logger = LogFactory.getLog(ClusterNode.class);

	private final String nodeId;

	private final ChatRoom room;

	private final ClusterRelay relay;

	private final NameClaims claims;

	private final ClusterView view;

	private final RedisReachability link;

	private final Duration heartbeat;

	private final Duration nodeTimeout;

	private final ExecutorService publisher;

	private final Liveness liveness;

	private final Incarnation incarnation;

	private final ClusterSubscriptions subscriptions;

	private final SplitNotices notices;

	private final Clock clock;

	private volatile ScheduledExecutorService scheduler;

	private boolean idTaken;

	// When the claims were last renewed; a silence within a heartbeat of the node timeout
	// may have got this node dropped, so it starts a new incarnation.
	private @Nullable Instant lastRenewed;

	// Since when this node hears its own pings, MAX while it does not: it judges the
	// others only after hearing itself for a whole node timeout, since a node that does
	// not hear itself does not hear them either.
	private Instant hearingSince = Instant.MAX;

	private Instant lastResubscribed = Instant.MIN;

	ClusterNode(String nodeId, ChatRoom room, ClusterRelay relay, NameClaims claims, ClusterView view,
			RedisReachability link, ExecutorService publisher, Liveness liveness, Incarnation incarnation,
			ClusterSubscriptions subscriptions, Duration heartbeat, Duration nodeTimeout, Clock clock) {
		this.nodeId = nodeId;
		this.room = room;
		this.relay = relay;
		this.claims = claims;
		this.view = view;
		this.link = link;
		this.publisher = publisher;
		this.liveness = liveness;
		this.incarnation = incarnation;
		this.subscriptions = subscriptions;
		this.heartbeat = heartbeat;
		this.nodeTimeout = nodeTimeout;
		this.notices = new SplitNotices(room, nodeTimeout);
		this.clock = clock;
	}

	/**
	 * Joins the cluster before any lifecycle starts, the TCP server's included, so that
	 * no client comes in before this node is in the cluster.
	 */
	@Override
	public void afterSingletonsInstantiated() {
		boolean idFree;
		try {
			idFree = this.claims.refresh(List::of);
			this.link.working();
		}
		catch (RuntimeException ex) {
			// Redis may come later; the heartbeat checks the id again.
			this.link.failed(ex);
			idFree = true;
		}
		if (!idFree) {
			throw new IllegalStateException("another live node has the cluster node id " + this.nodeId
					+ " (gateway.cluster.node-id); give each node its own id, or wait " + this.nodeTimeout.toSeconds()
					+ "s for a dead node's id to expire");
		}
		logger.info("cluster node " + this.nodeId + " joined, heartbeat every " + this.heartbeat.toMillis()
				+ "ms, nodes unheard for " + this.nodeTimeout.toMillis() + "ms are dropped");
	}

	@Override
	public void start() {
		ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "cluster-heartbeat");
			thread.setDaemon(true);
			return thread;
		});
		long period = this.heartbeat.toMillis();
		scheduler.scheduleAtFixedRate(this::beat, 0, period, TimeUnit.MILLISECONDS);
		this.scheduler = scheduler;
	}

	@Override
	public void stop() {
		ScheduledExecutorService scheduler = this.scheduler;
		if (scheduler == null) {
			return;
		}
		this.scheduler = null;
		// A heartbeat under way ends before the goodbye, so that nothing of this node
		// follows it.
		scheduler.shutdown();
		awaitTermination(scheduler);
		// After the clients' leaves, in order, so that no node announces a leave twice.
		this.relay.close();
		this.publisher.shutdown();
		awaitTermination(this.publisher);
		this.subscriptions.close();
		if (this.link.isUp()) {
			try {
				this.claims.releaseAll(this.room::names);
			}
			catch (RuntimeException ex) {
				// They expire with the node timeout.
			}
		}
	}

	private static void awaitTermination(ExecutorService executor) {
		try {
			if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
				logger.warn("cluster shutdown: a thread did not finish within 5s");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Before the message producers and stops after them, so that the leaves of the
	 * clients closed at shutdown are published before the goodbye.
	 */
	@Override
	public int getPhase() {
		return Integer.MAX_VALUE / 2 - 512;
	}

	@Override
	public boolean isRunning() {
		return this.scheduler != null;
	}

	/**
	 * One heartbeat; never throws, so the next one comes.
	 */
	void beat() {
		try {
			Instant now = this.clock.instant();
			renewClaims(now);
			ping();
			this.room.present();
			watchSubscriptions(now);
			sweep(now);
			this.notices.update(this.link.isUp(), now);
		}
		catch (RuntimeException ex) {
			logger.warn("cluster heartbeat failed", ex);
		}
	}

	private void renewClaims(Instant now) {
		try {
			boolean idOurs = this.claims.refresh(this.room::names);
			this.link.working();
			Duration silence = (this.lastRenewed != null) ? Duration.between(this.lastRenewed, now) : Duration.ZERO;
			if (silence.compareTo(this.nodeTimeout.minus(this.heartbeat)) >= 0) {
				logger.info("cluster node " + this.nodeId + " back after " + silence.toMillis()
						+ "ms unheard: new incarnation " + this.incarnation.renew());
			}
			this.lastRenewed = now;
			if (!idOurs && !this.idTaken) {
				logger.error("another live node has taken the cluster node id " + this.nodeId);
			}
			this.idTaken = !idOurs;
		}
		catch (RuntimeException ex) {
			boolean failedBefore = !this.link.isUp();
			this.link.failed(ex);
			if (failedBefore) {
				// Twice in a row: the connection may lead to a primary that hangs.
				this.subscriptions.resetCommands();
			}
		}
	}

	private void ping() {
		if (!this.link.isUp()) {
			return;
		}
		try {
			this.liveness.ping();
		}
		catch (RuntimeException ex) {
			this.link.failed(ex);
		}
	}

	/**
	 * Subscribes again when this node has not heard a ping of its own sent a node timeout
	 * ago, while its link has been up at least as long: the others have not heard it
	 * either.
	 */
	private void watchSubscriptions(Instant now) {
		// A ping not back within half a node timeout: the subscription is suspect.
		boolean hears = !this.liveness.unheardSince().isBefore(now.minus(this.nodeTimeout.dividedBy(2)));
		if (!hears) {
			this.hearingSince = Instant.MAX;
		}
		else if (this.hearingSince.equals(Instant.MAX)) {
			this.hearingSince = now;
		}
		Instant since = now.minus(this.nodeTimeout);
		if (this.link.isUp() && this.link.upSince().isBefore(since) && this.liveness.unheardSince().isBefore(since)
				&& this.lastResubscribed.isBefore(since)) {
			this.lastResubscribed = now;
			this.subscriptions.renew();
		}
	}

	private void sweep(Instant now) {
		// Nodes are judged only after the link has been up, and this node has heard
		// itself, for a whole node timeout, so that an outage of Redis or a dead
		// subscription is not taken for the death of every other node.
		Instant since = now.minus(this.nodeTimeout);
		if (!this.link.isUp() || this.link.upSince().isAfter(since) || this.hearingSince.isAfter(since)) {
			return;
		}
		Map<String, List<String>> dead = this.view.sweep(now.minus(this.nodeTimeout));
		dead.forEach((node, members) -> {
			logger.warn("cluster node " + node + " not heard from for " + this.nodeTimeout.toMillis()
					+ "ms, dropped with its " + members.size() + " chat members");
			members.forEach((nick) -> this.room.remote(RoomEvent.left(nick)));
		});
	}

}
