package io.tcpgateway.cluster;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * The {@code cluster.*} meters: whether this node reaches Redis, how many live nodes it
 * hears, and what the cluster dropped, read when scraped.
 */
final class ClusterMeters implements MeterBinder {

	private final RedisReachability link;

	private final ClusterView view;

	private final ClusterInbox inbox;

	private final QueueDrops queues;

	ClusterMeters(RedisReachability link, ClusterView view, ClusterInbox inbox, QueueDrops queues) {
		this.queues = queues;
		this.link = link;
		this.view = view;
		this.inbox = inbox;
	}

	@Override
	public void bindTo(MeterRegistry meters) {
		Gauge.builder("cluster.link.up", this.link, (link) -> link.isUp() ? 1 : 0)
			.description("1 while this node reaches Redis, 0 while the cluster link is down")
			.register(meters);
		// This node and the others it has heard from within the node timeout.
		Gauge.builder("cluster.nodes", this.view, (view) -> 1 + view.snapshot().size())
			.description("Live nodes this node knows of, itself included")
			.register(meters);
		FunctionCounter.builder("cluster.dropped", this, (self) -> self.link.dropped() + self.queues.dropped("out"))
			.description("Messages for the other nodes not published: the cluster link was down or the queue full")
			.tag("direction", "out")
			.register(meters);
		FunctionCounter.builder("cluster.dropped", this, (self) -> self.inbox.badMessages() + self.queues.dropped("in"))
			.description("Messages from the cluster channel dropped: unreadable, or the queue full")
			.tag("direction", "in")
			.register(meters);
	}

}
