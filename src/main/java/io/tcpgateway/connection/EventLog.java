package io.tcpgateway.connection;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

import io.tcpgateway.chat.SafeText;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * A bounded ring of the most recent connection events; every event is also logged, by a
 * thread of its own.
 *
 * <p>
 * Ids, addresses and details may carry bytes a client chose, so CR, LF, ESC and every
 * other unsafe character is escaped before an event is logged or kept: no client can
 * start a log line of its own, forge an entry or colour an operator's terminal.
 */
public final class EventLog {

	private static final Log logger = LogFactory.getLog(EventLog.class);

	// Events are recorded on event loops; their lines are written by a thread of its own.
	private static final LogWriter WRITER = new LogWriter();

	private final ConnectionEvent[] ring;

	private final Clock clock;

	private final Lock lock = new ReentrantLock();

	private long written;

	public EventLog(int capacity, Clock clock) {
		this.ring = new ConnectionEvent[capacity];
		this.clock = clock;
	}

	public void record(EventType type, @Nullable Connection connection, String detail) {
		record(type, (connection != null) ? connection.id() : null, (connection != null) ? connection.remote() : null,
				detail);
	}

	public void record(EventType type, @Nullable String connectionId, @Nullable String remoteAddress, String detail) {
		ConnectionEvent event = new ConnectionEvent(this.clock.instant(), type, safe(connectionId), safe(remoteAddress),
				SafeText.escape(detail));
		if (type == EventType.ERROR) {
			WRITER.write(logger, true, describe(event));
		}
		else if (logger.isInfoEnabled()) {
			WRITER.write(logger, false, describe(event));
		}
		this.lock.lock();
		try {
			this.ring[(int) (this.written++ % this.ring.length)] = event;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * The most recent events, newest first.
	 * @param limit the most events to return
	 * @return the events
	 */
	public List<ConnectionEvent> recent(int limit) {
		this.lock.lock();
		try {
			int count = (int) Math.min(Math.min(limit, this.written), this.ring.length);
			List<ConnectionEvent> events = new ArrayList<>(Math.max(count, 0));
			for (long i = this.written - 1; events.size() < count; i--) {
				events.add(this.ring[(int) (i % this.ring.length)]);
			}
			return events;
		}
		finally {
			this.lock.unlock();
		}
	}

	private static @Nullable String safe(@Nullable String text) {
		return (text != null) ? SafeText.escape(text) : null;
	}

	private static String describe(ConnectionEvent event) {
		StringBuilder text = new StringBuilder(event.type().verb());
		if (event.remoteAddress() != null) {
			text.append(' ').append(event.remoteAddress());
		}
		if (event.connectionId() != null) {
			text.append(" (id ").append(event.connectionId()).append(')');
		}
		return text.append(" - ").append(event.detail()).toString();
	}

}
