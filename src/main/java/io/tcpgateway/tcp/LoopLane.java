package io.tcpgateway.tcp;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.EventLoop;
import io.tcpgateway.chat.Line;
import io.tcpgateway.connection.Connection;
import io.tcpgateway.connection.Lane;
import io.tcpgateway.connection.Parcel;
import org.jspecify.annotations.Nullable;

/**
 * The lane of one event loop: lines for any of its channels, from any thread, queue here
 * in the order they were handed over, and one task on the loop writes each to all of its
 * channels and flushes each channel once: the last line of the task is flushed to each
 * channel as soon as it is written there, so the first of ten thousand clients does not
 * wait for the writes to the other ones.
 *
 * <p>
 * A line is encoded once, into one direct buffer that every channel's write shares
 * through a duplicate, as Netty's {@code DefaultChannelGroup} does; so a line to a
 * thousand clients costs one encoding and one task per event loop, not one message and
 * one task per client. The loop drains the lane before it writes a client's replies too,
 * so a reply never overtakes a line handed over before it.
 */
final class LoopLane implements Lane {

	private final EventLoop loop;

	private final Queue<Delivery> queue = new ConcurrentLinkedQueue<>();

	private final AtomicBoolean scheduled = new AtomicBoolean();

	private final Runnable drainTask = this::drainScheduled;

	// Touched only on the loop.
	private final List<NettyConnection> written = new ArrayList<>();

	private boolean draining;

	LoopLane(EventLoop loop) {
		this.loop = loop;
	}

	EventLoop loop() {
		return this.loop;
	}

	@Override
	public void deliver(Parcel parcel, Connection[] to, @Nullable Connection except) {
		ByteBuf shared = parcel.encoded(LoopLane::encode, ByteBuf::release);
		offer(new Delivery(shared.retainedDuplicate(), to, except, false));
	}

	/**
	 * Hands a line to one connection of this lane.
	 * @param line the line, or {@code null} for none
	 * @param to the connection
	 * @param close whether to close the connection once the line is written
	 */
	void deliver(@Nullable Line line, Connection to, boolean close) {
		offer(new Delivery((line != null) ? encode(line) : null, new Connection[] { to }, null, close));
	}

	private void offer(Delivery delivery) {
		this.queue.offer(delivery);
		if (this.scheduled.compareAndSet(false, true)) {
			this.loop.execute(this.drainTask);
		}
	}

	private void drainScheduled() {
		this.scheduled.set(false);
		drain();
	}

	/**
	 * Writes every line handed over so far, then flushes each channel written to; on the
	 * loop only.
	 */
	void drain() {
		if (this.draining || this.queue.isEmpty()) {
			return;
		}
		this.draining = true;
		try {
			Delivery next = this.queue.poll();
			while (next != null) {
				Delivery delivery = next;
				next = this.queue.poll();
				delivery.writeTo(this.written, next == null);
			}
			for (NettyConnection channel : this.written) {
				channel.flushIfMarked();
			}
		}
		finally {
			this.written.clear();
			this.draining = false;
		}
	}

	static ByteBuf encode(Line line) {
		String text = line.text();
		ByteBuf buffer = ByteBufAllocator.DEFAULT.directBuffer(ByteBufUtil.utf8MaxBytes(text) + 2);
		buffer.writeCharSequence(text, StandardCharsets.UTF_8);
		buffer.writeByte('\r').writeByte('\n');
		return buffer;
	}

	/**
	 * One line for some connections of the lane.
	 *
	 * @param line the encoded line, which the delivery owns, or {@code null} for none
	 * @param to the connections
	 * @param except one that does not get it, or {@code null}
	 * @param close whether to close the connections once it is written
	 */
	private record Delivery(@Nullable ByteBuf line, Connection[] to, @Nullable Connection except, boolean close) {

		/**
		 * Writes the line to each connection; if {@code last}, flushes each at once, else
		 * leaves the flush to the end of the task.
		 */
		void writeTo(List<NettyConnection> written, boolean last) {
			try {
				for (Connection connection : this.to) {
					if (connection == this.except) {
						continue;
					}
					NettyConnection channel = ((TcpOutlet) connection.outlet()).channel();
					if (this.line != null && channel.write(this.line)) {
						connection.sent(1, this.line.readableBytes());
						if (last) {
							channel.flushWritten();
						}
						else if (!channel.markWritten()) {
							written.add(channel);
						}
					}
					if (this.close) {
						channel.closeWhenWritten();
					}
				}
			}
			finally {
				if (this.line != null) {
					this.line.release();
				}
			}
		}

	}

}
