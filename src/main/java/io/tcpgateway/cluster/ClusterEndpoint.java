package io.tcpgateway.cluster;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import io.tcpgateway.connection.ConnectionRegistry;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * The {@code cluster} endpoint: the live nodes, this one included, each with its open
 * connections and when it was last heard from.
 */
@Endpoint(id = "cluster")
class ClusterEndpoint {

	private final String nodeId;

	private final ClusterView view;

	private final RedisReachability link;

	private final ConnectionRegistry registry;

	private final Clock clock;

	ClusterEndpoint(String nodeId, ClusterView view, RedisReachability link, ConnectionRegistry registry, Clock clock) {
		this.nodeId = nodeId;
		this.view = view;
		this.link = link;
		this.registry = registry;
		this.clock = clock;
	}

	@ReadOperation
	Nodes nodes() {
		List<Node> nodes = new ArrayList<>();
		nodes.add(new Node(this.nodeId, this.registry.count(), this.clock.instant(), true));
		this.view.snapshot()
			.forEach((node) -> nodes.add(new Node(node.id(), node.connections(), node.lastHeardAt(), false)));
		nodes.sort(Comparator.comparing(Node::id));
		return new Nodes(this.nodeId, this.link.isUp(), nodes);
	}

	/**
	 * The live nodes.
	 *
	 * @param self the id of the node that answers
	 * @param redisUp whether that node reaches Redis now
	 * @param nodes every live node it knows of, by id
	 */
	record Nodes(String self, boolean redisUp, List<Node> nodes) implements OperationResponseBody {

	}

	/**
	 * One live node.
	 *
	 * @param id its id
	 * @param connections its open connections
	 * @param lastHeardAt when it was last heard from
	 * @param self whether it is the node that answers
	 */
	record Node(String id, int connections, Instant lastHeardAt, boolean self) {

	}

}
