package io.tcpgateway.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Selector;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The chat fan-out: the connections join the room, the first {@code --senders} of them
 * send lines at a rate or in a closed loop, and every delivery is checked and timed.
 */
final class ChatRun implements FanOutClient.Lines {

	private static final byte[] JOIN = "/mode chat\r\n".getBytes(StandardCharsets.US_ASCII);

	private static final byte[] JOINED_REPLY = "OK mode chat, you are ".getBytes(StandardCharsets.US_ASCII);

	private static final byte[] JOIN_NOTICE = " joined".getBytes(StandardCharsets.US_ASCII);

	private static final long STALL_NANOS = 10_000_000_000L;

	// After the last send, deliveries still owed may take this long to come in.
	private static final long QUIET_NANOS = 3_000_000_000L;

	// A server far behind an offered rate would keep the run going for as long again.
	private static final long DRAIN_NANOS = 60_000_000_000L;

	// A sender's output buffer holds this many lines (a full window, if larger): in the
	// rate mode, a server that stops reading fails the sender instead of queueing without
	// end.
	private static final int BACKLOG_LINES = 1024;

	private final BenchOptions options;

	private final FailureReport errors = new FailureReport();

	private final ByteBuffer buffer = ByteBuffer.allocateDirect(256 * 1024);

	private final long epoch = System.nanoTime();

	private final long[] fields = new long[3];

	private final byte[] line;

	private final FanOutClient[] clients;

	private final int senders;

	private final DeliveryTracker tracker;

	private int named;

	private long notices;

	private boolean started;

	private boolean counting;

	private long deliveries;

	private long lastProgress;

	private ChatRun(BenchOptions options, List<LoadSocket> connections, Selector selector) {
		this.options = options;
		this.line = new byte[options.size()];
		FanOutOptions fanOut = options.fanOut();
		this.clients = new FanOutClient[connections.size()];
		this.senders = Math.min(fanOut.senders(), this.clients.length);
		int backlog = options.size() * Math.max(fanOut.window(), BACKLOG_LINES);
		for (int i = 0; i < this.clients.length; i++) {
			LoadSocket connection = connections.get(i);
			this.clients[i] = new FanOutClient(i, connection.channel, (i < this.senders) ? backlog : JOIN.length);
			connection.channel.keyFor(selector).attach(this.clients[i]);
		}
		this.tracker = new DeliveryTracker(this.clients.length, this.senders,
				(fanOut.rate() > 0) ? 0 : fanOut.window());
	}

	static Result run(BenchOptions options) throws IOException {
		FailureReport connectErrors = new FailureReport();
		try (Selector selector = Selector.open()) {
			ByteBuffer buffer = ByteBuffer.allocateDirect(8 * 1024);
			List<LoadSocket> connections = Connector.open(selector, buffer, options, new LatencyHistogram(),
					connectErrors);
			ChatRun run = new ChatRun(options, connections, selector);
			try {
				return run.run(selector, connectErrors.count());
			}
			finally {
				Arrays.stream(run.clients).forEach(FanOutClient::close);
			}
		}
	}

	private Result run(Selector selector, long connectErrors) throws IOException {
		double seconds = 0;
		if (this.clients.length >= 2) {
			join(selector);
			seconds = load(selector);
			drain(selector);
		}
		return new Result(this.options, this.clients.length, this.senders, this.tracker.sent(), this.deliveries,
				seconds, this.tracker.latencies(), this.tracker.missing(), this.tracker.reordered(),
				connectErrors + this.errors.count());
	}

	// Every member sends /mode chat at once; the room is complete once each has its name
	// and the n(n-1)/2 join notices (each member hears of those who joined after it) are
	// in.
	private void join(Selector selector) throws IOException {
		for (FanOutClient client : this.clients) {
			client.queue(JOIN);
			client.flush(client.channel.keyFor(selector));
		}
		long members = this.clients.length;
		long notices = members * (members - 1) / 2;
		this.lastProgress = System.nanoTime();
		while ((this.named < members || this.notices < notices)
				&& System.nanoTime() - this.lastProgress < STALL_NANOS) {
			FanOutClient.poll(selector, 100, this.buffer, this, this.errors);
		}
		if (this.named < members || this.notices < notices) {
			this.errors.add(String.format(Locale.ROOT, "joining stalled: %d of %d members named, %d of %d join notices",
					this.named, members, this.notices, notices));
		}
		System.err.printf("bench: %d members in the room, %d sending, warming up for %s, then measuring for %s%n",
				members, this.senders, BenchOptions.format(this.options.warmup()),
				BenchOptions.format(this.options.duration()));
	}

	// Returns the length of the measured window in seconds.
	private double load(Selector selector) throws IOException {
		int rate = this.options.fanOut().rate();
		long interval = (rate > 0) ? 1_000_000_000L / rate : 0;
		long start = System.nanoTime();
		long measureStart = start + this.options.warmup().toNanos();
		long end = measureStart + this.options.duration().toNanos();
		long[] due = new long[this.senders];
		for (int sender = 0; sender < this.senders; sender++) {
			// Spread the senders over the interval rather than send in bursts.
			due[sender] = start + interval * sender / this.senders;
		}
		this.started = true;
		for (long now = start; now < end; now = System.nanoTime()) {
			if (!this.counting && now >= measureStart) {
				this.counting = true;
				this.deliveries = 0;
				this.tracker.measureFrom(now - this.epoch);
			}
			long wake = this.counting ? end : measureStart;
			for (int sender = 0; sender < this.senders; sender++) {
				int count = (interval == 0) ? this.tracker.room(sender) : dueLines(due, sender, interval, now);
				send(selector, sender, count);
				if (interval > 0) {
					wake = Math.min(wake, due[sender]);
				}
			}
			FanOutClient.poll(selector, (wake - now) / 1_000_000, this.buffer, this, this.errors);
		}
		this.counting = false;
		return (System.nanoTime() - measureStart) / 1e9;
	}

	private static int dueLines(long[] due, int sender, long interval, long now) {
		int count = 0;
		while (due[sender] <= now) {
			due[sender] += interval;
			count++;
		}
		return count;
	}

	private void send(Selector selector, int sender, int count) {
		FanOutClient client = this.clients[sender];
		if (count <= 0 || !client.channel.isOpen()) {
			return;
		}
		try {
			for (int i = 0; i < count; i++) {
				long seq = this.tracker.send(sender);
				ChatPayload.fill(this.line, sender, seq, System.nanoTime() - this.epoch);
				client.queue(this.line);
			}
			client.flush(client.channel.keyFor(selector));
		}
		catch (IOException ex) {
			this.errors.add("sender " + sender + ": " + ex.getMessage());
			client.close();
		}
	}

	private void drain(Selector selector) throws IOException {
		long start = System.nanoTime();
		this.lastProgress = start;
		while (this.tracker.pending() > 0 && System.nanoTime() - this.lastProgress < QUIET_NANOS) {
			if (System.nanoTime() - start > DRAIN_NANOS) {
				this.errors.add("gave up after " + DRAIN_NANOS / 1_000_000_000 + " s with " + this.tracker.pending()
						+ " deliveries still coming in (a server far behind the offered rate); they count as missing");
				return;
			}
			FanOutClient.poll(selector, 100, this.buffer, this, this.errors);
		}
	}

	@Override
	public void line(FanOutClient client, byte[] line, int length, long nanoTime) {
		this.lastProgress = nanoTime;
		if (length > 0 && line[0] == '<') {
			delivery(client, line, length, nanoTime);
		}
		else if (startsWith(line, length, JOINED_REPLY)) {
			client.name = Arrays.copyOfRange(line, JOINED_REPLY.length, length);
			this.named++;
		}
		else if (length >= 2 && line[0] == '*' && line[1] == ' ') {
			if (endsWith(line, length, JOIN_NOTICE)) {
				this.notices++;
			}
		}
		else {
			this.errors.add("member " + client.index + " got an unexpected line: " + FanOutClient.text(line, length));
		}
	}

	private void delivery(FanOutClient receiver, byte[] line, int length, long nanoTime) {
		int close = indexOf(line, length, (byte) '>');
		if (!this.started) {
			this.errors.add("member " + receiver.index + " got a chat line before any was sent: "
					+ FanOutClient.text(line, length));
			return;
		}
		if (close < 0 || close + 1 >= length || !ChatPayload.parse(line, close + 2, length, this.fields)
				|| this.fields[0] >= this.senders) {
			this.errors.add(
					"member " + receiver.index + " got a line that no sender sent: " + FanOutClient.text(line, length));
			return;
		}
		int sender = (int) this.fields[0];
		byte[] name = this.clients[sender].name;
		if (sender == receiver.index || name == null || !Arrays.equals(line, 1, close, name, 0, name.length)) {
			this.errors.add("member " + receiver.index + " got sender " + sender + "'s line as: "
					+ FanOutClient.text(line, length));
			return;
		}
		long sentAt = this.fields[2];
		this.tracker.delivered(receiver.index, sender, this.fields[1], sentAt, nanoTime - this.epoch - sentAt);
		if (this.counting) {
			this.deliveries++;
		}
	}

	private static boolean startsWith(byte[] line, int length, byte[] prefix) {
		return length >= prefix.length && Arrays.equals(line, 0, prefix.length, prefix, 0, prefix.length);
	}

	private static boolean endsWith(byte[] line, int length, byte[] suffix) {
		return length >= suffix.length && Arrays.equals(line, length - suffix.length, length, suffix, 0, suffix.length);
	}

	private static int indexOf(byte[] line, int length, byte b) {
		for (int i = 0; i < length; i++) {
			if (line[i] == b) {
				return i;
			}
		}
		return -1;
	}

	/**
	 * Outcome of a chat run, printed as one {@code key=value} line.
	 *
	 * @param options the options of the run
	 * @param members members that joined the room
	 * @param senders members that sent
	 * @param sent lines sent, warm-up included
	 * @param deliveries lines received in the measured window
	 * @param seconds length of the measured window
	 * @param latencies send-to-receipt latencies of the lines sent in the measured window
	 * @param missing lines some receiver never got
	 * @param reordered lines that arrived after a later line of the same sender
	 * @param errors connect failures, closes and unexpected lines
	 */
	record Result(BenchOptions options, int members, int senders, long sent, long deliveries, double seconds,
			LatencyHistogram latencies, long missing, long reordered, long errors) {

		String summary() {
			FanOutOptions fanOut = this.options.fanOut();
			String load = (fanOut.rate() > 0) ? "rate=" + fanOut.rate() + "/s" : "window=" + fanOut.window();
			double rate = (this.seconds > 0) ? this.deliveries / this.seconds : 0;
			return String.format(Locale.ROOT,
					"chat members=%d senders=%d %s size=%d duration=%.1fs sent=%d deliveries=%d deliveries/s=%.0f"
							+ " p50=%dus p99=%dus p999=%dus max=%dus missing=%d reordered=%d errors=%d",
					this.members, this.senders, load, this.options.size(), this.seconds, this.sent, this.deliveries,
					rate, this.latencies.percentile(50), this.latencies.percentile(99), this.latencies.percentile(99.9),
					this.latencies.max(), this.missing, this.reordered, this.errors);
		}

		int exitCode() {
			return (this.errors == 0 && this.missing == 0 && this.reordered == 0 && this.deliveries > 0) ? 0 : 1;
		}

	}

}
