package io.tcpgateway.connection;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;
import java.util.function.Predicate;
import java.util.concurrent.locks.ReentrantLock;

import io.tcpgateway.chat.Line;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The open connections of every door, the one source of truth for them, with an exact
 * count that never goes above the limit.
 */
public final class ConnectionRegistry implements Connections {

	private static final Log logger = LogFactory.getLog(ConnectionRegistry.class);

	/** What {@link #add} returns when the server is full. */
	public static final int SERVER_FULL = -1;

	/** What {@link #add} returns when the client's address has its most connections. */
	public static final int ADDRESS_FULL = -2;

	/** How long a client must send nothing before a shutdown says goodbye to it. */
	private static final long QUIET_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

	private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

	private final Map<String, Connection> open = new ConcurrentHashMap<>();

	private final Map<String, Integer> perAddress = new HashMap<>();

	private final int maxConnections;

	private final int maxPerAddress;

	private final Traffic traffic;

	private final Lock lock = new ReentrantLock();

	private final Condition removed = this.lock.newCondition();

	private int count;

	// Bumped whenever who hears a line for every client changes.
	private final AtomicLong changes = new AtomicLong();

	// Every greeted connection as of one count of changes, rebuilt when that is old.
	private volatile @Nullable Everyone everyone;

	public ConnectionRegistry(int maxConnections, Traffic traffic) {
		this(maxConnections, 0, traffic);
	}

	/**
	 * Creates a registry.
	 * @param maxConnections the most connections open at once
	 * @param maxPerAddress the most open at once from one client address; 0 means no
	 * limit
	 * @param traffic the totals to count in
	 */
	public ConnectionRegistry(int maxConnections, int maxPerAddress, Traffic traffic) {
		this.maxConnections = maxConnections;
		this.maxPerAddress = maxPerAddress;
		this.traffic = traffic;
	}

	/**
	 * Adds a new connection unless the server is full or its client's address has its
	 * most connections open.
	 * @param connection the connection
	 * @return the number now open, {@link #SERVER_FULL} or {@link #ADDRESS_FULL}
	 */
	public int add(Connection connection) {
		this.lock.lock();
		try {
			if (this.count >= this.maxConnections) {
				this.traffic.reject(RejectReason.SERVER_FULL);
				return SERVER_FULL;
			}
			String address = connection.peer().address();
			int fromAddress = this.perAddress.getOrDefault(address, 0);
			if (this.maxPerAddress > 0 && fromAddress >= this.maxPerAddress) {
				this.traffic.reject(RejectReason.PER_ADDRESS);
				return ADDRESS_FULL;
			}
			this.perAddress.put(address, fromAddress + 1);
			this.open.put(connection.id(), connection);
			this.changes.incrementAndGet();
			this.traffic.opened.increment();
			return ++this.count;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Removes a closed connection.
	 * @param id the connection id
	 * @param reason why it closed
	 * @return the number still open, or {@code -1} if it was not registered
	 */
	public int remove(String id, CloseReason reason) {
		this.lock.lock();
		try {
			Connection removed = this.open.remove(id);
			if (removed == null) {
				return -1;
			}
			this.changes.incrementAndGet();
			// Rebuilt at the next broadcast; meanwhile it does not keep closed
			// connections.
			this.everyone = null;
			this.perAddress.computeIfPresent(removed.peer().address(), (address, n) -> (n > 1) ? n - 1 : null);
			this.traffic.closed(reason, 1);
			this.count--;
			this.removed.signalAll();
			return this.count;
		}
		finally {
			this.lock.unlock();
		}
	}

	public @Nullable Connection get(String id) {
		return this.open.get(id);
	}

	public Collection<Connection> all() {
		return this.open.values();
	}

	public int count() {
		this.lock.lock();
		try {
			return this.count;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * The number of open connections that came through one door.
	 * @param transport the door, as in {@link Peer#transport()}
	 * @return how many are open
	 */
	public int count(String transport) {
		int open = 0;
		for (Connection connection : this.open.values()) {
			if (connection.peer().transport().equals(transport)) {
				open++;
			}
		}
		return open;
	}

	@Override
	public List<ConnectionSnapshot> list() {
		return this.open.values()
			.stream()
			.map(Connection::snapshot)
			.sorted(Comparator.comparing(ConnectionSnapshot::openedAt))
			.toList();
	}

	@Override
	public boolean kick(String id, String notice) {
		Connection connection = this.open.get(id);
		if (connection == null) {
			return false;
		}
		if (connection.closing(CloseReason.KICKED)) {
			connection.closeAfter(Line.of(notice));
		}
		return true;
	}

	/**
	 * Marks a registered connection as greeted: lines for every client reach it from now
	 * on.
	 * @param connection the connection
	 */
	void greeted(Connection connection) {
		connection.greeted();
		this.changes.incrementAndGet();
	}

	/**
	 * Sends a line to every greeted connection. The connections, grouped by lane, are
	 * kept from one line to the next until one opens, is greeted or closes, so a line to
	 * ten thousand clients starts at once.
	 */
	@Override
	public int broadcast(String text) {
		long version = this.changes.get();
		Everyone cached = this.everyone;
		if (cached == null || cached.version() != version) {
			List<Connection> greeted = new ArrayList<>(this.open.size());
			for (Connection connection : this.open.values()) {
				if (connection.isGreeted()) {
					greeted.add(connection);
				}
			}
			// Tagged with the count read before, so a change made meanwhile rebuilds it.
			cached = new Everyone(version, new Recipients(greeted));
			this.everyone = cached;
		}
		return cached.recipients().deliver(Line.of(text), null);
	}

	/**
	 * Says goodbye to some of the open connections at shutdown, and waits until they have
	 * closed: each gets a last line once its client has been quiet for a moment, so that
	 * the lines it sent before are answered first, then is closed. Logs how many, and any
	 * still open at the end.
	 * @param notice the last line
	 * @param which the connections to close
	 * @param what what they are, for the log: {@code connection(s)}, {@code browser(s)}
	 * @param timeout the longest wait
	 */
	public void sayGoodbye(String notice, Predicate<Connection> which, String what, Duration timeout) {
		List<Connection> closing = this.open.values().stream().filter(which).collect(Collectors.toList());
		if (closing.isEmpty()) {
			return;
		}
		logger.info("Shutting down: saying goodbye to " + closing.size() + " " + what);
		Line line = Line.of(notice);
		long deadline = System.nanoTime() + timeout.toNanos();
		Set<Connection> told = ConcurrentHashMap.newKeySet();
		try {
			while (!closing.isEmpty() && System.nanoTime() < deadline) {
				closing.removeIf(
						(connection) -> told.contains(connection) || this.open.get(connection.id()) != connection);
				for (Connection connection : closing) {
					// Judged on the connection's own thread, after the input it has read.
					tellWhenQuiet(connection, line, deadline, told);
				}
				awaitRemoval(POLL_NANOS);
			}
			if (!awaitNone(which, deadline - System.nanoTime())) {
				logger.warn(what + " still open after " + timeout + "; closing them");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void tellWhenQuiet(Connection connection, Line line, long deadline, Set<Connection> told) {
		try {
			connection.outlet().executor().execute(() -> {
				long now = System.nanoTime();
				if (connection.quietNanos(now) >= QUIET_NANOS || now + QUIET_NANOS >= deadline) {
					if (connection.closing(CloseReason.SHUTDOWN)) {
						connection.closeAfter(line);
					}
					told.add(connection);
				}
			});
		}
		catch (RejectedExecutionException ex) {
			// its thread has stopped: the connection is going anyway
			told.add(connection);
		}
	}

	private void awaitRemoval(long nanos) throws InterruptedException {
		this.lock.lock();
		try {
			this.removed.awaitNanos(nanos);
		}
		finally {
			this.lock.unlock();
		}
	}

	public int maxConnections() {
		return this.maxConnections;
	}

	public int maxPerAddress() {
		return this.maxPerAddress;
	}

	public Traffic traffic() {
		return this.traffic;
	}

	private boolean awaitNone(Predicate<Connection> which, long timeoutNanos) throws InterruptedException {
		long nanos = timeoutNanos;
		this.lock.lock();
		try {
			while (anyOpen(which) && nanos > 0) {
				nanos = this.removed.awaitNanos(nanos);
			}
			return !anyOpen(which);
		}
		finally {
			this.lock.unlock();
		}
	}

	private boolean anyOpen(Predicate<Connection> which) {
		return this.open.values().stream().anyMatch(which);
	}

	/**
	 * Every greeted connection, grouped by lane, as of a count of changes.
	 *
	 * @param version the count of changes it was built after
	 * @param recipients the connections
	 */
	private record Everyone(long version, Recipients recipients) {

	}

}
