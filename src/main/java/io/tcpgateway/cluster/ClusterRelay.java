package io.tcpgateway.cluster;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntSupplier;

import io.tcpgateway.chat.RoomEvent;
import io.tcpgateway.chat.RemoteRooms;
import io.tcpgateway.connection.OtherNodes;

import org.springframework.integration.support.MessageBuilder;
import org.springframework.messaging.MessageChannel;

/**
 * This node's side of the cluster: claims names in Redis, and publishes the room's events
 * and heartbeats, in order, to the channel that every node subscribes to.
 *
 * <p>
 * While Redis is out of reach the room carries on alone: a name is checked only among
 * this node's clients, and lines for other nodes are dropped at once rather than queued.
 */
final class ClusterRelay implements RemoteRooms, OtherNodes {

	private final String nodeId;

	private final MessageChannel out;

	private final NameClaims names;

	private final RedisReachability link;

	private final ClusterView view;

	private final ClusterCodec codec;

	private final IntSupplier localConnections;

	private volatile boolean closed;

	ClusterRelay(String nodeId, MessageChannel out, NameClaims names, RedisReachability link, ClusterView view,
			ClusterCodec codec, IntSupplier localConnections) {
		this.nodeId = nodeId;
		this.out = out;
		this.names = names;
		this.link = link;
		this.view = view;
		this.codec = codec;
		this.localConnections = localConnections;
	}

	@Override
	public CompletableFuture<Boolean> claim(String name) {
		if (!this.link.isUp()) {
			return CompletableFuture.completedFuture(true);
		}
		return this.names.claim(name).whenComplete((won, failure) -> {
			if (failure == null) {
				this.link.working();
			}
			else {
				this.link.failed(failure);
			}
		});
	}

	@Override
	public CompletableFuture<Void> release(String name) {
		if (!this.link.isUp()) {
			return CompletableFuture.completedFuture(null);
		}
		// Without an answer the claim expires with the node timeout anyway.
		return this.names.release(name).handle((released, failure) -> {
			if (failure != null) {
				this.link.failed(failure);
			}
			return null;
		});
	}

	@Override
	public void publish(RoomEvent event) {
		send(ClusterMessage.of(ClusterCodec.type(event), this.nodeId, event.nick(), event.text()));
	}

	@Override
	public void present(List<String> members) {
		send(ClusterMessage.heartbeat(this.nodeId, this.localConnections.getAsInt(), members));
	}

	@Override
	public List<String> remoteMembers() {
		return this.view.members();
	}

	@Override
	public int connections() {
		return this.view.connections();
	}

	@Override
	public int nodes() {
		return this.view.snapshot().size();
	}

	/**
	 * Says goodbye, after every line queued so far: the other nodes drop this one and its
	 * members at once. Nothing is published after it.
	 */
	void close() {
		send(ClusterMessage.of("bye", this.nodeId, null, null));
		this.closed = true;
	}

	private void send(ClusterMessage message) {
		if (this.link.isUp() && !this.closed) {
			this.out.send(MessageBuilder.withPayload(this.codec.encode(message)).build());
		}
		else if (!this.closed) {
			this.link.drop();
		}
	}

}
