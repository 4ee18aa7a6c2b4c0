package io.tcpgateway.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DeliveryTrackerTests {

	// Three members; members 0 and 1 send, each keeps at most 2 lines undelivered.
	private final DeliveryTracker tracker = new DeliveryTracker(3, 2, 2);

	@Test
	void lineInOrderToEveryOtherMemberIsNeitherMissingNorReordered() {
		long seq = this.tracker.send(0);
		this.tracker.delivered(1, 0, seq, 0, 5_000);
		this.tracker.delivered(2, 0, seq, 0, 7_000);
		assertThat(this.tracker.missing()).isZero();
		assertThat(this.tracker.reordered()).isZero();
		assertThat(this.tracker.pending()).isZero();
		assertThat(this.tracker.latencies().count()).isEqualTo(2);
		assertThat(this.tracker.latencies().max()).isEqualTo(7);
	}

	@Test
	void lineNeverReceivedIsMissingForThatReceiverOnly() {
		this.tracker.send(0);
		long second = this.tracker.send(0);
		this.tracker.delivered(1, 0, 0, 0, 0);
		this.tracker.delivered(1, 0, 1, 0, 0);
		this.tracker.delivered(2, 0, second, 0, 0);
		assertThat(this.tracker.missing()).isEqualTo(1);
		assertThat(this.tracker.pending()).isEqualTo(1);
		assertThat(this.tracker.reordered()).isZero();
	}

	@Test
	void tailNeverReceivedIsMissing() {
		this.tracker.send(1);
		this.tracker.send(1);
		this.tracker.delivered(0, 1, 0, 0, 0);
		assertThat(this.tracker.missing()).isEqualTo(3);
	}

	@Test
	void lineOvertakenByALaterOneIsReorderedNotMissing() {
		this.tracker.send(0);
		this.tracker.send(0);
		this.tracker.delivered(1, 0, 1, 0, 0);
		// Line 0 for member 1, both lines for member 2.
		assertThat(this.tracker.missing()).isEqualTo(3);
		this.tracker.delivered(1, 0, 0, 0, 0);
		this.tracker.delivered(2, 0, 0, 0, 0);
		this.tracker.delivered(2, 0, 1, 0, 0);
		assertThat(this.tracker.reordered()).isEqualTo(1);
		assertThat(this.tracker.missing()).isZero();
	}

	@Test
	void sendersAreTrackedApartPerReceiver() {
		this.tracker.send(0);
		this.tracker.send(1);
		this.tracker.delivered(2, 1, 0, 0, 0);
		this.tracker.delivered(2, 0, 0, 0, 0);
		this.tracker.delivered(1, 0, 0, 0, 0);
		this.tracker.delivered(0, 1, 0, 0, 0);
		assertThat(this.tracker.reordered()).isZero();
		assertThat(this.tracker.missing()).isZero();
		assertThat(this.tracker.sent()).isEqualTo(2);
	}

	@Test
	void windowReopensOnlyOnceEveryOtherMemberHasTheOldestLine() {
		assertThat(this.tracker.room(0)).isEqualTo(2);
		this.tracker.send(0);
		this.tracker.send(0);
		assertThat(this.tracker.room(0)).isZero();
		this.tracker.delivered(1, 0, 0, 0, 0);
		this.tracker.delivered(1, 0, 1, 0, 0);
		assertThat(this.tracker.room(0)).isZero();
		this.tracker.delivered(2, 0, 0, 0, 0);
		assertThat(this.tracker.room(0)).isEqualTo(1);
		this.tracker.delivered(2, 0, 1, 0, 0);
		assertThat(this.tracker.room(0)).isEqualTo(2);
		assertThat(this.tracker.room(1)).isEqualTo(2);
	}

	@Test
	void latencyCountsOnlyForLinesSentInTheMeasuredWindow() {
		this.tracker.send(0);
		this.tracker.measureFrom(1_000);
		this.tracker.send(0);
		this.tracker.delivered(1, 0, 0, 999, 900_000);
		this.tracker.delivered(1, 0, 1, 1_000, 2_000);
		assertThat(this.tracker.latencies().count()).isEqualTo(1);
		assertThat(this.tracker.latencies().max()).isEqualTo(2);
	}

	@Test
	void rateModeKeepsNoWindow() {
		DeliveryTracker open = new DeliveryTracker(2, 1, 0);
		for (int i = 0; i < 10; i++) {
			open.send(0);
		}
		for (int i = 0; i < 10; i++) {
			open.delivered(1, 0, i, 0, 0);
		}
		assertThat(open.missing()).isZero();
		assertThat(open.pending()).isZero();
	}

}
