package io.tcpgateway.connection;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Gateway-wide totals of connections, lines, bytes and errors, read by the metrics.
 */
public final class Traffic {

	final LongAdder opened = new LongAdder();

	final LongAdder linesIn = new LongAdder();

	final LongAdder linesOut = new LongAdder();

	final LongAdder bytesIn = new LongAdder();

	final LongAdder bytesOut = new LongAdder();

	private final Map<CloseReason, LongAdder> closed = counters(CloseReason.class);

	private final Map<ErrorType, LongAdder> errors = counters(ErrorType.class);

	private final Map<RejectReason, LongAdder> rejected = counters(RejectReason.class);

	public long opened() {
		return this.opened.sum();
	}

	public long rejected(RejectReason reason) {
		return this.rejected.get(reason).sum();
	}

	public long linesIn() {
		return this.linesIn.sum();
	}

	public long linesOut() {
		return this.linesOut.sum();
	}

	public long bytesIn() {
		return this.bytesIn.sum();
	}

	public long bytesOut() {
		return this.bytesOut.sum();
	}

	public long closed(CloseReason reason) {
		return this.closed.get(reason).sum();
	}

	public long errors(ErrorType type) {
		return this.errors.get(type).sum();
	}

	void reject(RejectReason reason) {
		this.rejected.get(reason).increment();
	}

	void closed(CloseReason reason, int count) {
		this.closed.get(reason).add(count);
	}

	public void error(ErrorType type) {
		this.errors.get(type).increment();
	}

	private static <E extends Enum<E>> Map<E, LongAdder> counters(Class<E> type) {
		Map<E, LongAdder> counters = new EnumMap<>(type);
		for (E key : type.getEnumConstants()) {
			counters.put(key, new LongAdder());
		}
		return counters;
	}

}
