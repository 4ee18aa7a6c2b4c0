package io.tcpgateway.connection;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RefusalThrottle}.
 */
class RefusalThrottleTests {

	private static final long MILLISECOND = 1_000_000L;

	private final AtomicLong now = new AtomicLong(42 * 1000 * MILLISECOND);

	private final RefusalThrottle throttle = new RefusalThrottle(3, this.now::get);

	@Test
	void writesTheFirstFewOfASecondAndSuppressesTheRest() {
		assertThat(admit("10.0.0.1", 5)).containsExactly(0, 0, 0, RefusalThrottle.SUPPRESS, RefusalThrottle.SUPPRESS);
	}

	@Test
	void reportsTheSuppressedCountWithTheNextOneWrittenAfterTheSecond() {
		admit("10.0.0.1", 10);
		this.now.addAndGet(999 * MILLISECOND);
		assertThat(this.throttle.admit("10.0.0.1")).isEqualTo(RefusalThrottle.SUPPRESS);
		this.now.addAndGet(MILLISECOND);
		assertThat(admit("10.0.0.1", 4)).containsExactly(8, 0, 0, RefusalThrottle.SUPPRESS);
		this.now.addAndGet(1000 * MILLISECOND);
		assertThat(this.throttle.admit("10.0.0.1")).isEqualTo(1);
		this.now.addAndGet(1000 * MILLISECOND);
		assertThat(this.throttle.admit("10.0.0.1")).isZero();
	}

	@Test
	void neverWritesMoreThanTheLimitInAnyOneSecond() {
		admit("10.0.0.1", 2);
		this.now.addAndGet(900 * MILLISECOND);
		assertThat(admit("10.0.0.1", 3)).containsExactly(0, RefusalThrottle.SUPPRESS, RefusalThrottle.SUPPRESS);
		// The two written first are a second old now, the one written at 900 ms is not.
		this.now.addAndGet(200 * MILLISECOND);
		assertThat(admit("10.0.0.1", 3)).containsExactly(2, 0, RefusalThrottle.SUPPRESS);
	}

	@Test
	void countsEachAddressApart() {
		admit("10.0.0.1", 10);
		assertThat(admit("10.0.0.2", 4)).containsExactly(0, 0, 0, RefusalThrottle.SUPPRESS);
	}

	@Test
	void accountsForEveryRefusalOverManySeconds() {
		long written = 0;
		long reported = 0;
		int refusals = 0;
		for (int second = 0; second < 5; second++) {
			for (int i = 0; i < 50; i++) {
				long answer = this.throttle.admit("10.0.0.1");
				refusals++;
				if (answer != RefusalThrottle.SUPPRESS) {
					written++;
					reported += answer;
				}
				this.now.addAndGet(10 * MILLISECOND);
			}
			this.now.addAndGet(500 * MILLISECOND);
		}
		reported += this.throttle.admit("10.0.0.1");
		written++;
		refusals++;
		assertThat(written).isEqualTo(5 * 3 + 1);
		assertThat(written + reported).isEqualTo(refusals);
	}

	@Test
	void staysBoundedWhenManyAddressesRefuseAtOnce() {
		for (int i = 0; i < 10_000; i++) {
			this.throttle.admit("10.0." + (i / 250) + "." + (i % 250));
		}
		// Beyond the tracked addresses, all share one budget rather than grow the map.
		assertThat(admit("192.0.2.1", 2)).containsExactly(0, 0);
		assertThat(admit("192.0.2.2", 2)).containsExactly(0, RefusalThrottle.SUPPRESS);
		// Once a second has passed, the quiet ones make room again.
		this.now.addAndGet(1000 * MILLISECOND);
		assertThat(admit("192.0.2.3", 4)).containsExactly(0, 0, 0, RefusalThrottle.SUPPRESS);
	}

	private long[] admit(String address, int times) {
		long[] answers = new long[times];
		for (int i = 0; i < times; i++) {
			answers[i] = this.throttle.admit(address);
		}
		return answers;
	}

}
