package io.tcpgateway.udp;

import java.net.InetSocketAddress;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tcpgateway.chat.SafeText;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The dropped alarm datagrams: counted by reason in {@code udp.alarms.dropped}, and
 * logged at most once a minute per reason, so that a flood cannot flood the log.
 */
final class Drops {

	private static final Log logger = LogFactory.getLog(Drops.class);

	private static final long MINUTE = 60_000_000_000L;

	private final Map<Drop, Counter> counters = new EnumMap<>(Drop.class);

	private final Map<Drop, AtomicLong> nextLogAt = new EnumMap<>(Drop.class);

	private final Map<Drop, AtomicLong> unlogged = new EnumMap<>(Drop.class);

	private final LongSupplier nanoTime;

	Drops(MeterRegistry meters, LongSupplier nanoTime) {
		this.nanoTime = nanoTime;
		long now = nanoTime.getAsLong();
		for (Drop drop : Drop.values()) {
			this.counters.put(drop,
					Counter.builder("udp.alarms.dropped")
						.description("Alarm datagrams dropped, by reason")
						.tag("reason", drop.label())
						.register(meters));
			this.nextLogAt.put(drop, new AtomicLong(now));
			this.unlogged.put(drop, new AtomicLong());
		}
	}

	/**
	 * Counts a dropped datagram, and logs it unless this reason was logged less than a
	 * minute ago.
	 * @param drop why
	 * @param source where it came from
	 * @param detail more about why, possibly from the sender; {@code null} for none
	 */
	void drop(Drop drop, @Nullable InetSocketAddress source, @Nullable String detail) {
		this.counters.get(drop).increment();
		long now = this.nanoTime.getAsLong();
		AtomicLong next = this.nextLogAt.get(drop);
		long due = next.get();
		if (now - due < 0 || !next.compareAndSet(due, now + MINUTE)) {
			this.unlogged.get(drop).incrementAndGet();
			return;
		}
		long more = this.unlogged.get(drop).getAndSet(0);
		String from = (source != null) ? " from " + describe(source) : "";
		String why = (detail != null) ? ": " + SafeText.escape(detail) : "";
		String since = (more > 0) ? " (" + more + " more dropped for this reason since the last such line)" : "";
		logger.warn("UDP alarm dropped" + from + " (" + drop.label() + "): " + drop.meaning() + why + since
				+ "; logged at most once a minute");
	}

	/**
	 * A source as the log and the audit trail write it: {@code 192.0.2.7:5353} or
	 * {@code [::1]:5353}.
	 * @param source the address
	 * @return the text
	 */
	static String describe(InetSocketAddress source) {
		String host = source.getAddress().getHostAddress();
		return (host.indexOf(':') >= 0) ? "[" + host + "]:" + source.getPort() : host + ":" + source.getPort();
	}

}
