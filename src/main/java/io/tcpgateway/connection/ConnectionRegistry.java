package io.tcpgateway.connection;

import java.time.Duration;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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

	private final Map<String, Connection> open = new ConcurrentHashMap<>();

	private final Map<String, Integer> perAddress = new HashMap<>();

	private final int maxConnections;

	private final int maxPerAddress;

	private final Traffic traffic;

	private final Lock lock = new ReentrantLock();

	private final Condition removed = this.lock.newCondition();

	private int count;

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

	@Override
	public int broadcast(String text) {
		Line line = Line.of(text);
		int recipients = 0;
		for (Connection connection : this.open.values()) {
			connection.send(line);
			recipients++;
		}
		return recipients;
	}

	/**
	 * Says goodbye to some of the open connections at shutdown, a last line then a close,
	 * and waits until they have closed; logs how many, and any still open at the end.
	 * @param notice the last line
	 * @param which the connections to close
	 * @param what what they are, for the log: {@code connection(s)}, {@code browser(s)}
	 * @param timeout the longest wait
	 */
	public void sayGoodbye(String notice, Predicate<Connection> which, String what, Duration timeout) {
		int open = closeAll(notice, which);
		if (open == 0) {
			return;
		}
		logger.info("Shutting down: saying goodbye to " + open + " " + what);
		try {
			if (!awaitNone(which, timeout)) {
				logger.warn(what + " still open after " + timeout + "; closing them");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private int closeAll(String notice, Predicate<Connection> which) {
		Line line = Line.of(notice);
		int closing = 0;
		for (Connection connection : this.open.values()) {
			if (!which.test(connection)) {
				continue;
			}
			if (connection.closing(CloseReason.SHUTDOWN)) {
				connection.goodbye(line);
			}
			closing++;
		}
		return closing;
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

	private boolean awaitNone(Predicate<Connection> which, Duration timeout) throws InterruptedException {
		long nanos = timeout.toNanos();
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

}
