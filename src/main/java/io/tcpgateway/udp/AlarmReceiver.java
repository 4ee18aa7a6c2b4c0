package io.tcpgateway.udp;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.function.LongSupplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tcpgateway.connection.AddressBlocks;
import io.tcpgateway.connection.AlarmRefusedException;
import io.tcpgateway.connection.Alarms;
import io.tcpgateway.connection.AuditTrail;
import org.jspecify.annotations.Nullable;

/**
 * Turns an alarm datagram into an alarm, or drops it: checks its source, size, rate,
 * format, MAC, timestamp and novelty, in that order, the cheapest first.
 */
final class AlarmReceiver {

	private final Settings settings;

	private final AlarmSigner signer;

	private final SourceRates rates;

	private final ReplayGuard replays = new ReplayGuard(ReplayGuard.CAPACITY);

	private final Alarms alarms;

	private final AuditTrail audit;

	private final Drops drops;

	private final Counter accepted;

	private final Clock clock;

	private final LongSupplier nanoTime;

	AlarmReceiver(Settings settings, AlarmSigner signer, Alarms alarms, AuditTrail audit, MeterRegistry meters,
			Clock clock, LongSupplier nanoTime) {
		this.settings = settings;
		this.signer = signer;
		this.rates = new SourceRates(settings.ratePerSource());
		this.alarms = alarms;
		this.audit = audit;
		this.drops = new Drops(meters, nanoTime);
		this.accepted = Counter.builder("udp.alarms.accepted")
			.description("Alarm datagrams that became alarms")
			.register(meters);
		this.clock = clock;
		this.nanoTime = nanoTime;
	}

	/**
	 * Receives one datagram.
	 * @param source where it came from
	 * @param datagram its bytes, at most one more than the size limit
	 * @return {@code null} if it became an alarm, else why it was dropped
	 */
	@Nullable Drop receive(InetSocketAddress source, byte[] datagram) {
		if (!this.settings.sources().contains(source)) {
			return drop(Drop.SOURCE, source, null);
		}
		if (datagram.length > this.settings.maxLength()) {
			return drop(Drop.SIZE, source, null);
		}
		if (!this.rates.tryTake(source.getAddress(), this.nanoTime.getAsLong())) {
			return drop(Drop.RATE, source, null);
		}
		AlarmDatagram alarm = AlarmDatagram.parse(datagram);
		if (alarm == null) {
			return drop(Drop.FORMAT, source, null);
		}
		if (!this.signer.verifies(alarm.timestamp(), alarm.text(), alarm.mac())) {
			return drop(Drop.MAC, source, null);
		}
		long now = this.clock.instant().getEpochSecond();
		long window = this.settings.windowSeconds();
		if (Math.abs(now - alarm.timestamp()) > window) {
			return drop(Drop.STALE, source, "timestamp " + alarm.timestamp() + ", gateway's clock " + now);
		}
		Drop replay = this.replays.remember(alarm.mac(), alarm.timestamp() + window, now);
		if (replay != null) {
			return drop(replay, source, null);
		}
		String invalid = this.alarms.invalid(alarm.text());
		if (invalid != null) {
			return drop(Drop.INVALID, source, invalid);
		}
		// Counted before it goes out, so that whoever sees the alarm sees it counted; a
		// refusal, with the cluster's Redis unreachable, is counted as a drop too.
		this.accepted.increment();
		try {
			Alarms.Raised raised = this.alarms.raise(alarm.text());
			this.audit.record("udp", "udp " + Drops.describe(source), "broadcast", alarm.text(),
					"done: id " + raised.alarm().id());
		}
		catch (AlarmRefusedException ex) {
			this.audit.record("udp", "udp " + Drops.describe(source), "broadcast", alarm.text(),
					"503 " + ex.getMessage());
			return drop(Drop.REFUSED, source, ex.getMessage());
		}
		return null;
	}

	/**
	 * Counts a datagram dropped before it reached the checks, as the full queue drops it.
	 */
	void busy() {
		this.drops.drop(Drop.BUSY, null, null);
	}

	private Drop drop(Drop drop, InetSocketAddress source, @Nullable String detail) {
		this.drops.drop(drop, source, detail);
		return drop;
	}

	/**
	 * What the checks need to know.
	 *
	 * @param sources who may send
	 * @param maxLength the longest datagram, in bytes
	 * @param ratePerSource datagrams a second per source, in bursts of as many; 0 means
	 * no limit
	 * @param windowSeconds how far a timestamp may be from the clock
	 */
	record Settings(AddressBlocks sources, int maxLength, int ratePerSource, long windowSeconds) {

	}

}
