package io.tcpgateway.websocket;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Paces the door's sends so that their completions never queue up for the container's
 * threads: Tomcat hands every completed send to its thread pool, which starts a new
 * thread whenever more tasks wait than it has threads, up to its maximum.
 *
 * <p>
 * At most {@code size} sends wait for their completion at once. A send that the socket
 * took at once completes in the order the sends were started, so when a send completes,
 * those started before it that have not are waiting for their browser to read, not for a
 * thread: they leave the window, and stalled browsers do not hold the others up. When the
 * window is full, every send in it has waited for the patience and none completed
 * meanwhile, they are all taken for stalled and leave it.
 */
final class SendWindow {

	private final int size;

	private final long patienceNanos;

	private final Deque<Slot> slots = new ArrayDeque<>();

	private long lastProgress = System.nanoTime();

	/**
	 * Creates a window.
	 * @param size the most sends that wait for their completion at once
	 * @param patienceNanos how long a full window waits for any send to complete before
	 * it takes them all for stalled
	 */
	SendWindow(int size, long patienceNanos) {
		this.size = size;
		this.patienceNanos = patienceNanos;
	}

	/**
	 * Takes a place for a send, waiting while the window is full; an interrupt ends the
	 * wait, and is kept.
	 * @return the place, given back once the send completes or fails
	 */
	synchronized Slot take() {
		boolean interrupted = false;
		while (this.slots.size() >= this.size && !interrupted) {
			long since = Math.max(this.lastProgress, this.slots.peekLast().started);
			long waited = System.nanoTime() - since;
			if (waited >= this.patienceNanos) {
				for (Slot slot : this.slots) {
					slot.open = false;
				}
				this.slots.clear();
				this.lastProgress = System.nanoTime();
				break;
			}
			long wait = this.patienceNanos - waited;
			try {
				wait(wait / 1_000_000, (int) (wait % 1_000_000));
			}
			catch (InterruptedException ex) {
				interrupted = true;
			}
		}
		if (interrupted) {
			Thread.currentThread().interrupt();
		}
		Slot slot = new Slot(System.nanoTime());
		this.slots.addLast(slot);
		return slot;
	}

	private synchronized void completed(Slot slot) {
		if (!slot.open) {
			return;
		}
		Slot first;
		do {
			first = this.slots.pollFirst();
			first.open = false;
		}
		while (first != slot);
		progress();
	}

	private synchronized void cancelled(Slot slot) {
		if (slot.open) {
			slot.open = false;
			this.slots.remove(slot);
			progress();
		}
	}

	private void progress() {
		this.lastProgress = System.nanoTime();
		notifyAll();
	}

	/**
	 * A place in the window, taken by one send.
	 */
	final class Slot {

		private final long started;

		private boolean open = true;

		private Slot(long started) {
			this.started = started;
		}

		/**
		 * The send completed, or failed, in the container's callback.
		 */
		void completed() {
			SendWindow.this.completed(this);
		}

		/**
		 * The send did not start.
		 */
		void cancelled() {
			SendWindow.this.cancelled(this);
		}

	}

}
