package io.tcpgateway.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.Selector;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The alarm fan-out: POSTs alarms to the broadcast endpoint one at a time and times, from
 * just before each POST, the first and the last connection to receive it.
 */
final class AlarmRun implements FanOutClient.Lines {

	private static final long ROUND_TIMEOUT_NANOS = 30_000_000_000L;

	private final FailureReport errors = new FailureReport();

	private final ByteBuffer buffer = ByteBuffer.allocateDirect(64 * 1024);

	private final FanOutClient[] clients;

	// The last round each client got, so that a duplicate is caught.
	private final int[] rounds;

	private int round;

	private byte[] expected = new byte[0];

	private int received;

	private long first;

	private long last;

	private AlarmRun(List<LoadSocket> connections, Selector selector) {
		this.clients = new FanOutClient[connections.size()];
		this.rounds = new int[this.clients.length];
		for (int i = 0; i < this.clients.length; i++) {
			LoadSocket connection = connections.get(i);
			this.clients[i] = new FanOutClient(i, connection.channel, 0);
			connection.channel.keyFor(selector).attach(this.clients[i]);
		}
	}

	static Result run(BenchOptions options) throws IOException {
		FailureReport connectErrors = new FailureReport();
		try (Selector selector = Selector.open()) {
			ByteBuffer buffer = ByteBuffer.allocateDirect(8 * 1024);
			List<LoadSocket> connections = Connector.open(selector, buffer, options, new LatencyHistogram(),
					connectErrors);
			AlarmRun run = new AlarmRun(connections, selector);
			try {
				Result result = run.rounds(selector, options);
				return result.withErrors(result.errors() + connectErrors.count());
			}
			finally {
				Arrays.stream(run.clients).forEach(FanOutClient::close);
			}
		}
	}

	private Result rounds(Selector selector, BenchOptions options) throws IOException {
		FanOutOptions fanOut = options.fanOut();
		int count = fanOut.rounds();
		long[] firsts = new long[count];
		long[] lasts = new long[count];
		long[] answers = new long[count];
		long missing = 0;
		if (this.clients.length == 0) {
			return new Result(0, 0, firsts, lasts, answers, 0, this.errors.count());
		}
		HttpClient http = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(5))
			.build();
		String host = options.host().contains(":") ? "[" + options.host() + "]" : options.host();
		URI uri = URI.create("http://" + host + ":" + fanOut.httpPort() + "/actuator/broadcast");
		String authorization = "Basic " + Base64.getEncoder()
			.encodeToString((fanOut.user() + ":" + fanOut.password()).getBytes(StandardCharsets.UTF_8));
		System.err.printf("bench: %d connections open, sending %d alarms to %s%n", this.clients.length, count, uri);
		for (int i = 0; i < count; i++) {
			this.round = i + 1;
			String message = "bench alarm " + this.round;
			this.expected = ("! " + message).getBytes(StandardCharsets.US_ASCII);
			this.received = 0;
			int live = (int) Arrays.stream(this.clients).filter((client) -> client.channel.isOpen()).count();
			HttpRequest request = HttpRequest.newBuilder(uri)
				.timeout(Duration.ofSeconds(30))
				.header("Content-Type", "application/json")
				.header("Authorization", authorization)
				.POST(HttpRequest.BodyPublishers.ofString("{\"message\":\"" + message + "\"}"))
				.build();
			long posted = System.nanoTime();
			CompletableFuture<Answer> answered = http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
				.thenApply((response) -> new Answer(response, System.nanoTime() - posted));
			while (this.received < live && !refused(answered) && System.nanoTime() - posted < ROUND_TIMEOUT_NANOS) {
				FanOutClient.poll(selector, 100, this.buffer, this, this.errors);
			}
			answers[i] = await(answered);
			missing += live - this.received;
			firsts[i] = (this.received > 0) ? this.first - posted : 0;
			lasts[i] = (this.received > 0) ? this.last - posted : 0;
		}
		return new Result(this.clients.length, count, firsts, lasts, answers, missing, this.errors.count());
	}

	// A POST that failed or was refused delivers nothing: no need to wait for it.
	private static boolean refused(CompletableFuture<Answer> answered) {
		if (!answered.isDone()) {
			return false;
		}
		Answer answer = answered.exceptionally((ex) -> null).join();
		return answer == null || answer.response().statusCode() != 200;
	}

	// Runs on the selector thread: FailureReport is not thread-safe.
	private long await(CompletableFuture<Answer> answered) {
		try {
			Answer answer = answered.get(30, TimeUnit.SECONDS);
			HttpResponse<String> response = answer.response();
			if (response.statusCode() != 200) {
				byte[] body = response.body().getBytes(StandardCharsets.UTF_8);
				this.errors.add("POST " + response.uri() + " answered " + response.statusCode() + ": "
						+ FanOutClient.text(body, body.length));
			}
			return answer.nanos();
		}
		catch (ExecutionException | TimeoutException ex) {
			this.errors.add("POST failed: " + ((ex.getCause() != null) ? ex.getCause() : ex));
			return 0;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return 0;
		}
	}

	@Override
	public void line(FanOutClient client, byte[] line, int length, long nanoTime) {
		if (Arrays.equals(line, 0, length, this.expected, 0, this.expected.length)
				&& this.rounds[client.index] < this.round) {
			this.rounds[client.index] = this.round;
			this.first = (this.received == 0) ? nanoTime : this.first;
			this.last = nanoTime;
			this.received++;
		}
		else {
			this.errors.add("connection " + client.index + " got an unexpected line in round " + this.round + ": "
					+ FanOutClient.text(line, length));
		}
	}

	/**
	 * The broadcast endpoint's response, and how long after the POST began it came.
	 */
	private record Answer(HttpResponse<String> response, long nanos) {

	}

	/**
	 * Outcome of an alarm run, printed as one {@code key=value} line.
	 *
	 * @param connections connections that were greeted
	 * @param rounds alarms sent
	 * @param firsts per round, nanoseconds from just before the POST to the first receipt
	 * @param lasts per round, the same to the last receipt
	 * @param answers per round, the same to the HTTP response
	 * @param missing receipts that did not come within 30 s, over all rounds
	 * @param errors connect failures, closes, HTTP failures and unexpected lines
	 */
	record Result(int connections, int rounds, long[] firsts, long[] lasts, long[] answers, long missing, long errors) {

		Result withErrors(long errors) {
			return new Result(this.connections, this.rounds, this.firsts, this.lasts, this.answers, this.missing,
					errors);
		}

		String summary() {
			return String.format(Locale.ROOT,
					"alarm connections=%d rounds=%d first=%dus last=%dus answer=%dus first-max=%dus last-max=%dus"
							+ " missing=%d errors=%d",
					this.connections, this.rounds, median(this.firsts), median(this.lasts), median(this.answers),
					max(this.firsts), max(this.lasts), this.missing, this.errors);
		}

		int exitCode() {
			return (this.errors == 0 && this.missing == 0 && this.connections > 0) ? 0 : 1;
		}

		// Microseconds; the lower median for an even count.
		static long median(long[] nanos) {
			long[] sorted = nanos.clone();
			Arrays.sort(sorted);
			return (sorted.length == 0) ? 0 : sorted[(sorted.length - 1) / 2] / 1000;
		}

		private static long max(long[] nanos) {
			return Arrays.stream(nanos).max().orElse(0) / 1000;
		}

	}

}
