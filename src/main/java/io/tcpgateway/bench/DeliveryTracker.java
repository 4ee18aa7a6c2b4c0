package io.tcpgateway.bench;

/**
 * Books every chat line sent and every delivery of it: latency, missing and reordered
 * lines per (sender, receiver) pair, and in the closed loop which lines every other
 * member has got, so that a sender keeps at most {@code window} lines undelivered (window
 * 0: no closed loop, lines go out at a rate).
 */
final class DeliveryTracker {

	private final int members;

	private final int senders;

	private final int window;

	private final long[] sent;

	private final long[] completed;

	// Per sender, a ring of the receivers still owed each undelivered line.
	private final int[] owed;

	// Per (receiver, sender): the sequence number expected next.
	private final long[] next;

	private final LatencyHistogram latencies = new LatencyHistogram();

	private long gaps;

	private long reordered;

	private long expected;

	private long received;

	private long measuredFrom;

	DeliveryTracker(int members, int senders, int window) {
		this.members = members;
		this.senders = senders;
		this.window = window;
		this.sent = new long[senders];
		this.completed = new long[senders];
		this.owed = new int[senders * Math.max(window, 1)];
		this.next = new long[members * senders];
	}

	/**
	 * From now on, latencies count only for lines sent at or after {@code sent} (run time
	 * in ns); until then, every line's does.
	 */
	void measureFrom(long sent) {
		this.measuredFrom = sent;
		this.latencies.reset();
	}

	/**
	 * How many more lines the sender may send before its oldest is delivered everywhere.
	 */
	int room(int sender) {
		return (int) (this.window - (this.sent[sender] - this.completed[sender]));
	}

	/**
	 * Books the sender's next line and returns its sequence number.
	 */
	long send(int sender) {
		long seq = this.sent[sender]++;
		if (this.window > 0) {
			this.owed[slot(sender, seq)] = this.members - 1;
		}
		this.expected += this.members - 1;
		return seq;
	}

	/**
	 * Books the receipt of line {@code seq} of {@code sender} by {@code receiver},
	 * {@code latencyNanos} after it was sent at run time {@code sentAt}.
	 */
	void delivered(int receiver, int sender, long seq, long sentAt, long latencyNanos) {
		this.received++;
		int pair = receiver * this.senders + sender;
		long want = this.next[pair];
		if (seq >= want) {
			this.gaps += seq - want;
			this.next[pair] = seq + 1;
		}
		else {
			// Late: it was counted as missing when a later line overtook it.
			this.reordered++;
			this.gaps--;
		}
		if (sentAt >= this.measuredFrom) {
			this.latencies.record(latencyNanos / 1000);
		}
		if (this.window > 0 && seq >= this.completed[sender] && seq < this.sent[sender]
				&& --this.owed[slot(sender, seq)] == 0) {
			advance(sender);
		}
	}

	private void advance(int sender) {
		while (this.completed[sender] < this.sent[sender] && (this.owed[slot(sender, this.completed[sender])] == 0)) {
			this.completed[sender]++;
		}
	}

	private int slot(int sender, long seq) {
		return sender * this.window + (int) (seq % this.window);
	}

	/**
	 * Deliveries still owed: lines sent times their receivers, less those received.
	 */
	long pending() {
		return this.expected - this.received;
	}

	long sent() {
		long total = 0;
		for (long count : this.sent) {
			total += count;
		}
		return total;
	}

	/**
	 * Lines that some receiver has not got: the gaps it saw, and the tail of each
	 * sender's lines it never got.
	 */
	long missing() {
		long missing = this.gaps;
		for (int receiver = 0; receiver < this.members; receiver++) {
			for (int sender = 0; sender < this.senders; sender++) {
				if (receiver != sender) {
					missing += this.sent[sender] - this.next[receiver * this.senders + sender];
				}
			}
		}
		return missing;
	}

	long reordered() {
		return this.reordered;
	}

	LatencyHistogram latencies() {
		return this.latencies;
	}

}
