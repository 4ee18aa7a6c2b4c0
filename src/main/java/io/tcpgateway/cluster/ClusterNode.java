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

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.SmartLifecycle;

/**
 * This node's life in the cluster: refuses to start beside a live node with the same id,
 * then on every heartbeat renews its claims, tells the others who is here, and drops the
 * nodes not heard from within the node timeout, announcing that their members left.
 */
final class ClusterNode implements SmartInitializingSingleton, SmartLifecycle {

	private static final Log logger = LogFactory.getLog(ClusterNode.class);

	private final String nodeId;

	private final ChatRoom room;

	private final ClusterRelay relay;

	private final NameClaims claims;

	private final ClusterView view;

	private final ClusterLink link;

	private final Duration heartbeat;

	private final Duration nodeTimeout;

	private final ExecutorService publisher;

	private final Clock clock;

	private volatile ScheduledExecutorService scheduler;

	private boolean idTaken;

	ClusterNode(String nodeId, ChatRoom room, ClusterRelay relay, NameClaims claims, ClusterView view, ClusterLink link,
			ExecutorService publisher, Duration heartbeat, Duration nodeTimeout, Clock clock) {
		this.nodeId = nodeId;
		this.room = room;
		this.relay = relay;
		this.claims = claims;
		this.view = view;
		this.link = link;
		this.publisher = publisher;
		this.heartbeat = heartbeat;
		this.nodeTimeout = nodeTimeout;
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
			idFree = this.claims.refresh(List.of());
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
		scheduler.shutdownNow();
		// After the clients' leaves, in order, so that no node announces a leave twice.
		this.relay.close();
		this.publisher.shutdown();
		try {
			this.publisher.awaitTermination(2, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		if (this.link.isUp()) {
			try {
				this.claims.releaseAll(this.room.names());
			}
			catch (RuntimeException ex) {
				// They expire with the node timeout.
			}
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
			renewClaims();
			this.room.present();
			sweep();
		}
		catch (RuntimeException ex) {
			logger.warn("cluster heartbeat failed", ex);
		}
	}

	private void renewClaims() {
		try {
			boolean idOurs = this.claims.refresh(this.room.names());
			this.link.working();
			if (!idOurs && !this.idTaken) {
				logger.error("another live node has taken the cluster node id " + this.nodeId);
			}
			this.idTaken = !idOurs;
		}
		catch (RuntimeException ex) {
			this.link.failed(ex);
		}
	}

	private void sweep() {
		Instant now = this.clock.instant();
		Instant upSince = this.link.upSince();
		// Nodes are judged only after the link has been up for a whole node timeout, so
		// an outage of Redis is not taken for the death of every other node.
		if (!this.link.isUp() || upSince.isAfter(now.minus(this.nodeTimeout))) {
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
