package io.tcpgateway.cluster;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.tcpgateway.chat.SafeText;
import io.tcpgateway.connection.Alarms;
import io.tcpgateway.connection.RecentAlarms;
import io.tcpgateway.protocol.AlarmRecord;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.DefaultStringRedisConnection;
import org.springframework.data.redis.connection.Limit;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.StringRedisConnection;
import org.springframework.data.redis.connection.stream.ReadOffset;
import org.springframework.data.redis.connection.stream.RecordId;
import org.springframework.data.redis.connection.stream.StreamOffset;
import org.springframework.data.redis.connection.stream.StreamReadOptions;
import org.springframework.data.redis.connection.stream.StringRecord;

/**
 * Reads the alarm stream on a thread of its own, {@code XREAD BLOCK} from the last alarm
 * this node delivered, and delivers each alarm to this node's clients once, in the
 * stream's order; after an outage it catches up from where it stopped.
 *
 * <p>
 * It starts at the stream's end, with the newest alarms as the history of
 * {@code /alarms}; with Redis out of reach at startup, at this node's start time. After a
 * failure, and whenever the stream is quiet, it checks that the stream still holds the
 * last alarm it delivered: if not, Redis lost alarms, and it says so and delivers what
 * the stream holds after it (all of it when the stream's ids went back in time). Junk in
 * the stream is dropped and logged at most once a minute.
 */
final class AlarmReader implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(AlarmReader.class);

	private static final int BATCH = 100;

	private static final Duration RETRY = Duration.ofMillis(200);

	private static final String START = "0-0";

	private final RedisConnectionFactory factory;

	private final ClusterCodec codec;

	private final Alarms alarms;

	private final RecentAlarms history;

	private final int historySize;

	private final Duration block;

	private final Clock clock;

	private final BadMessageLog badMessages;

	// The fields below are the reader thread's, and start()'s before that thread runs.
	private String cursor = START;

	// Whether the cursor is an alarm this node delivered, which the stream should hold.
	private boolean cursorDelivered;

	private boolean checkNeeded;

	private boolean outage;

	private @Nullable StringRedisConnection connection;

	private volatile @Nullable Thread thread;

	private final CountDownLatch stopping = new CountDownLatch(1);

	/**
	 * Creates a reader.
	 * @param factory where its own Redis connection comes from
	 * @param codec reads the entries
	 * @param alarms delivers them
	 * @param history gets the newest ones at startup
	 * @param historySize how many that is
	 * @param block how long one {@code XREAD} waits, below the Redis command timeout
	 * @param clock the clock
	 */
	AlarmReader(RedisConnectionFactory factory, ClusterCodec codec, Alarms alarms, RecentAlarms history,
			int historySize, Duration block, Clock clock) {
		this.factory = factory;
		this.codec = codec;
		this.alarms = alarms;
		this.history = history;
		this.historySize = historySize;
		this.block = block;
		this.clock = clock;
		this.badMessages = new BadMessageLog("the alarm stream", clock);
	}

	/**
	 * Finds the stream's end and the newest alarms before any client comes in, then
	 * starts reading.
	 */
	@Override
	public void start() {
		try {
			List<StringRecord> newest = connection().xRevRange(AlarmStream.KEY, Range.unbounded(),
					Limit.limit().count(this.historySize));
			for (int i = newest.size() - 1; i >= 0; i--) {
				AlarmRecord alarm = read(newest.get(i));
				if (alarm != null) {
					this.history.add(alarm);
				}
			}
			if (!newest.isEmpty()) {
				this.cursor = newest.get(0).getId().getValue();
				this.cursorDelivered = true;
			}
			logger.info("reading the alarm stream " + AlarmStream.KEY + " after " + this.cursor + ", with "
					+ this.history.recent().size() + " recent alarms for /alarms");
		}
		catch (RuntimeException ex) {
			// Whatever is added from now on is for this node's clients; older alarms are
			// not.
			this.cursor = this.clock.millis() + "-0";
			failed(ex);
		}
		Thread reader = new Thread(this::run, "cluster-alarms");
		reader.setDaemon(true);
		this.thread = reader;
		reader.start();
	}

	@Override
	public void stop() {
		Thread reader = this.thread;
		if (reader == null) {
			return;
		}
		this.thread = null;
		this.stopping.countDown();
		try {
			reader.join(this.block.toMillis() * 3);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public boolean isRunning() {
		return this.thread != null;
	}

	/**
	 * With the channel's subscriber: before the TCP server opens, after it closes.
	 */
	@Override
	public int getPhase() {
		return ClusterConfiguration.SUBSCRIBER_PHASE;
	}

	private void run() {
		StreamReadOptions options = StreamReadOptions.empty().count(BATCH).block(this.block);
		while (this.stopping.getCount() > 0) {
			try {
				StringRedisConnection redis = connection();
				if (this.checkNeeded) {
					checkContinuity(redis);
					this.checkNeeded = false;
				}
				List<StringRecord> records = redis.xReadAsString(options,
						StreamOffset.create(AlarmStream.KEY, ReadOffset.from(this.cursor)));
				back();
				if (records == null || records.isEmpty()) {
					this.checkNeeded = this.cursorDelivered;
				}
				else {
					records.forEach(this::take);
				}
			}
			catch (RuntimeException ex) {
				if (this.stopping.getCount() == 0) {
					break;
				}
				failed(ex);
				this.checkNeeded = true;
				closeConnection();
				pause();
			}
		}
		closeConnection();
	}

	private void take(StringRecord record) {
		this.cursor = record.getId().getValue();
		this.cursorDelivered = true;
		AlarmRecord alarm = read(record);
		if (alarm != null) {
			this.alarms.deliver(alarm);
		}
	}

	private @Nullable AlarmRecord read(StringRecord record) {
		String payload = record.getValue().get(AlarmStream.FIELD);
		try {
			if (payload == null) {
				throw new IllegalArgumentException("no " + AlarmStream.FIELD + " field");
			}
			ClusterMessage message = this.codec.decode(payload);
			if (!"alarm".equals(message.type())) {
				throw new IllegalArgumentException("not an alarm");
			}
			String invalid = this.alarms.invalid(message.text());
			if (invalid != null) {
				throw new IllegalArgumentException(invalid);
			}
			RecordId id = record.getId();
			return new AlarmRecord(id.getValue(), Instant.ofEpochMilli(id.getTimestamp()), message.text());
		}
		catch (RuntimeException ex) {
			this.badMessages.dropped(String.valueOf(record.getValue()), ex);
			return null;
		}
	}

	private void checkContinuity(StringRedisConnection redis) {
		if (!this.cursorDelivered
				|| !redis.xRange(AlarmStream.KEY, Range.closed(this.cursor, this.cursor), Limit.unlimited())
					.isEmpty()) {
			return;
		}
		List<StringRecord> newest = redis.xRevRange(AlarmStream.KEY, Range.unbounded(), Limit.limit().count(1));
		this.cursorDelivered = false;
		if (newest.isEmpty() || isBefore(newest.get(0).getId(), RecordId.of(this.cursor))) {
			logger.warn("the alarm stream " + AlarmStream.KEY + " lost alarm " + this.cursor
					+ ", the last one this node delivered, and holds nothing newer: Redis lost its data"
					+ " (a restart without persistence, or a failover to a replica that lacked it);"
					+ " delivering every alarm it holds from now on, and any alarm this node missed before is lost");
			this.cursor = START;
		}
		else {
			logger.warn("the alarm stream " + AlarmStream.KEY + " no longer holds alarm " + this.cursor
					+ ", the last one this node delivered: alarms between it and the oldest one kept are lost"
					+ " (Redis out of reach for longer than the stream's length, or Redis lost its data);"
					+ " delivering the ones after it");
		}
	}

	private static boolean isBefore(RecordId id, RecordId other) {
		return id.getTimestamp() < other.getTimestamp()
				|| (id.getTimestamp() == other.getTimestamp() && id.getSequence() < other.getSequence());
	}

	private StringRedisConnection connection() {
		StringRedisConnection redis = this.connection;
		if (redis == null) {
			redis = new DefaultStringRedisConnection(this.factory.getConnection());
			this.connection = redis;
		}
		return redis;
	}

	private void closeConnection() {
		StringRedisConnection redis = this.connection;
		this.connection = null;
		if (redis != null) {
			try {
				redis.close();
			}
			catch (RuntimeException ex) {
				// It is going anyway.
			}
		}
	}

	private void failed(RuntimeException ex) {
		if (!this.outage) {
			this.outage = true;
			logger.warn("alarm stream out of reach: " + SafeText.escape(RedisReachability.describe(ex))
					+ "; alarms raised meanwhile on other nodes reach this node's clients, in order, once Redis is back");
		}
	}

	private void back() {
		if (this.outage) {
			this.outage = false;
			logger.info("alarm stream back: delivering the alarms after " + this.cursor);
		}
	}

	private void pause() {
		try {
			this.stopping.await(RETRY.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.stopping.countDown();
		}
	}

}
