package io.tcpgateway.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

class LatencyHistogramTests {

	@Test
	void emptyHistogramReportsZero() {
		LatencyHistogram histogram = new LatencyHistogram();
		assertThat(histogram.count()).isZero();
		assertThat(histogram.percentile(50)).isZero();
		assertThat(histogram.max()).isZero();
	}

	@Test
	void smallValuesAreExact() {
		LatencyHistogram histogram = new LatencyHistogram();
		for (int i = 1; i <= 50; i++) {
			histogram.record(i);
		}
		assertThat(histogram.percentile(50)).isEqualTo(25);
		assertThat(histogram.percentile(98)).isEqualTo(49);
		assertThat(histogram.percentile(100)).isEqualTo(50);
	}

	@Test
	void percentilesOfUniformValuesAreWithinThreePercent() {
		LatencyHistogram histogram = new LatencyHistogram();
		for (int i = 1; i <= 100_000; i++) {
			histogram.record(i);
		}
		assertThat(histogram.count()).isEqualTo(100_000);
		assertThat(histogram.percentile(50)).isCloseTo(50_000, withinPercentage(3));
		assertThat(histogram.percentile(99)).isCloseTo(99_000, withinPercentage(3));
		assertThat(histogram.percentile(99.9)).isCloseTo(99_900, withinPercentage(3));
		assertThat(histogram.max()).isEqualTo(100_000);
	}

	@Test
	void percentileNeverExceedsMaxAndIsNotBelowTheValue() {
		LatencyHistogram histogram = new LatencyHistogram();
		histogram.record(1000);
		assertThat(histogram.percentile(50)).isEqualTo(1000);
		histogram.record(1001);
		assertThat(histogram.percentile(50)).isBetween(1000L, 1031L);
		assertThat(histogram.percentile(100)).isEqualTo(1001);
	}

	@Test
	void tailIsSeparatedFromTheBody() {
		LatencyHistogram histogram = new LatencyHistogram();
		for (int i = 0; i < 990; i++) {
			histogram.record(100);
		}
		for (int i = 0; i < 10; i++) {
			histogram.record(5000);
		}
		assertThat(histogram.percentile(99)).isBetween(100L, 103L);
		assertThat(histogram.percentile(99.9)).isEqualTo(5000);
	}

	@Test
	void bucketBoundsContainTheirValues() {
		for (long value : new long[] { 0, 63, 64, 65, 127, 128, 1000, 123_456_789, (1L << 40) - 1 }) {
			int index = LatencyHistogram.indexOf(value);
			assertThat(LatencyHistogram.highestValueIn(index)).as("%d", value).isGreaterThanOrEqualTo(value);
			if (index > 0) {
				assertThat(LatencyHistogram.highestValueIn(index - 1)).as("%d", value).isLessThan(value);
			}
		}
	}

	@Test
	void hugeAndNegativeValuesAreClamped() {
		LatencyHistogram histogram = new LatencyHistogram();
		histogram.record(Long.MAX_VALUE);
		histogram.record(-5);
		assertThat(histogram.max()).isEqualTo((1L << 40) - 1);
		assertThat(histogram.percentile(50)).isZero();
		assertThat((double) histogram.percentile(100)).isCloseTo(1L << 40, within(1.0));
	}

	@Test
	void resetForgetsEverything() {
		LatencyHistogram histogram = new LatencyHistogram();
		histogram.record(42);
		histogram.reset();
		assertThat(histogram.count()).isZero();
		assertThat(histogram.max()).isZero();
		assertThat(histogram.percentile(99)).isZero();
	}

}
