import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Cross-node chat benchmark: members spread over two gateway nodes, one sender at a fixed
 * rate, and the send-to-receive latency of every line for receivers on the sender's node
 * and on the other node. Plain Java, no dependencies: {@code java bench/ClusterChatBench.java}.
 *
 * <pre>
 * java bench/ClusterChatBench.java [--host=127.0.0.1] [--port-a=9080] [--port-b=9081]
 *     [--members=100] [--rate=1000] [--duration=10] [--warmup=2]
 * </pre>
 *
 * The nodes must run with {@code --gateway.chat.max-lines-per-second=0}; see
 * {@code bench/cluster-chat.sh}.
 */
public final class ClusterChatBench {

	public static void main(String[] args) throws Exception {
		String host = option(args, "host", "127.0.0.1");
		int portA = Integer.parseInt(option(args, "port-a", "9080"));
		int portB = Integer.parseInt(option(args, "port-b", "9081"));
		int members = Integer.parseInt(option(args, "members", "100"));
		int rate = Integer.parseInt(option(args, "rate", "1000"));
		int duration = Integer.parseInt(option(args, "duration", "10"));
		int warmup = Integer.parseInt(option(args, "warmup", "2"));

		List<Member> all = new ArrayList<>();
		for (int i = 0; i < members; i++) {
			boolean onA = i % 2 == 0;
			Member member = new Member("m" + i, new Socket(host, onA ? portA : portB), onA);
			member.join();
			all.add(member);
		}
		// Drain the join notices: the reply to a marker comes after all of them.
		for (Member member : all) {
			member.drainUntilEcho("ready");
		}
		Member sender = all.get(0);
		long measureFrom = System.nanoTime() + warmup * 1_000_000_000L;
		int total = rate * (warmup + duration);
		CountDownLatch done = new CountDownLatch(members - 1);
		for (Member receiver : all.subList(1, members)) {
			Thread thread = new Thread(() -> receiver.receive(sender.nick, total, measureFrom, done));
			thread.setDaemon(true);
			thread.start();
		}
		long interval = 1_000_000_000L / rate;
		long start = System.nanoTime();
		for (int seq = 0; seq < total; seq++) {
			long due = start + seq * interval;
			long wait;
			while ((wait = due - System.nanoTime()) > 0) {
				LockSupport.parkNanos(wait);
			}
			sender.send("t=" + System.nanoTime() + " seq=" + seq);
		}
		long sentFor = System.nanoTime() - start;
		boolean complete = done.await(duration + 30L, java.util.concurrent.TimeUnit.SECONDS);
		long[] same = Member.latencies(all.subList(1, members), true);
		long[] other = Member.latencies(all.subList(1, members), false);
		long measuredLines = same.length + other.length;
		long lastReceived = all.stream().mapToLong((member) -> member.lastReceivedAt).max().orElse(measureFrom);
		double receivedFor = Math.max(1, lastReceived - measureFrom) / 1e9;
		long missing = all.subList(1, members).stream().mapToLong((member) -> member.missing.get()).sum();
		System.out.printf("members=%d nodes=2 sender=%s rate=%d/s duration=%ds warmup=%ds sent=%d in %.2fs%n", members,
				sender.nick, rate, duration, warmup, total, sentFor / 1e9);
		System.out.printf(
				"delivered lines/s=%.0f (offered %d; %d lines received over %.1fs) missing=%d out-of-order-or-duplicate=%d complete=%s%n",
				measuredLines / receivedFor, (long) rate * (members - 1), measuredLines, receivedFor, missing,
				all.stream().mapToLong((member) -> member.disorder.get()).sum(), complete);
		System.out.printf("same node:  receivers=%d p50=%dus p99=%dus max=%dus%n", (members - 1) / 2,
				percentile(same, 50), percentile(same, 99), percentile(same, 100));
		System.out.printf("other node: receivers=%d p50=%dus p99=%dus max=%dus%n", members / 2,
				percentile(other, 50), percentile(other, 99), percentile(other, 100));
		for (Member member : all) {
			member.socket.close();
		}
		System.exit(complete && missing == 0 ? 0 : 1);
	}

	private static long percentile(long[] sorted, int percent) {
		if (sorted.length == 0) {
			return -1;
		}
		int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
		return sorted[Math.max(0, Math.min(index, sorted.length - 1))] / 1000;
	}

	private static String option(String[] args, String name, String fallback) {
		String value = fallback;
		for (String arg : args) {
			if (arg.startsWith("--" + name + "=")) {
				value = arg.substring(name.length() + 3);
			}
		}
		return value;
	}

	private static final class Member {

		final String nick;

		final Socket socket;

		final boolean onA;

		final BufferedReader in;

		final OutputStream out;

		final AtomicLong missing = new AtomicLong();

		final AtomicLong disorder = new AtomicLong();

		long[] latencies = new long[1024];

		int count;

		volatile long lastReceivedAt;

		Member(String nick, Socket socket, boolean onA) throws IOException {
			this.nick = nick;
			this.socket = socket;
			this.onA = onA;
			socket.setTcpNoDelay(true);
			this.in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
			this.out = socket.getOutputStream();
			// deploy/local-cluster.sh's nodes take connections from HAProxy only, each with a
			// PROXY protocol header; the bench stands in for HAProxy on loopback.
			this.out.write(("PROXY TCP4 127.0.0.1 127.0.0.1 " + socket.getLocalPort() + " " + socket.getPort() + "\r\n")
				.getBytes(StandardCharsets.US_ASCII));
		}

		void join() throws IOException {
			this.in.readLine();
			send("/nick " + this.nick);
			expect("OK nick " + this.nick);
			send("/mode chat");
			expect("OK mode chat, you are " + this.nick);
		}

		void drainUntilEcho(String marker) throws IOException {
			send("/echo " + marker);
			String line;
			while (!(line = this.in.readLine()).equals(marker)) {
				if (line == null) {
					throw new IOException(this.nick + ": closed");
				}
			}
		}

		void send(String line) {
			try {
				this.out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
				this.out.flush();
			}
			catch (IOException ex) {
				throw new IllegalStateException(this.nick + ": " + ex.getMessage(), ex);
			}
		}

		void receive(String from, int total, long measureFrom, CountDownLatch done) {
			String prefix = "<" + from + "> t=";
			long expected = 0;
			try {
				while (expected < total) {
					String line = this.in.readLine();
					if (line == null) {
						break;
					}
					long now = System.nanoTime();
					if (!line.startsWith(prefix)) {
						continue;
					}
					int space = line.indexOf(' ', prefix.length());
					long sentAt = Long.parseLong(line.substring(prefix.length(), space));
					long seq = Long.parseLong(line.substring(space + " seq=".length()));
					if (seq != expected) {
						if (seq > expected) {
							this.missing.addAndGet(seq - expected);
						}
						else {
							this.disorder.incrementAndGet();
						}
					}
					expected = seq + 1;
					if (sentAt >= measureFrom) {
						record(now - sentAt);
						this.lastReceivedAt = now;
					}
				}
				this.missing.addAndGet(total - expected);
			}
			catch (IOException ex) {
				this.missing.addAndGet(total - expected);
			}
			finally {
				done.countDown();
			}
		}

		private synchronized void record(long nanos) {
			if (this.count == this.latencies.length) {
				this.latencies = Arrays.copyOf(this.latencies, this.count * 2);
			}
			this.latencies[this.count++] = nanos;
		}

		synchronized long[] recorded() {
			return Arrays.copyOf(this.latencies, this.count);
		}

		static long[] latencies(List<Member> receivers, boolean onA) {
			long[] all = receivers.stream()
				.filter((member) -> member.onA == onA)
				.flatMapToLong((member) -> Arrays.stream(member.recorded()))
				.toArray();
			Arrays.sort(all);
			return all;
		}

		private void expect(String wanted) throws IOException {
			String line = this.in.readLine();
			// a notice from the other node may cross Redis while this member joins
			while (line != null && line.startsWith("* ") && !wanted.startsWith("* ")) {
				line = this.in.readLine();
			}
			if (!wanted.equals(line)) {
				throw new IOException(this.nick + ": expected " + wanted + ", got " + line);
			}
		}

	}

}
