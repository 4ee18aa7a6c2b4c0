package io.tcpgateway.bench;

/**
 * Fixed-size log-linear histogram of latencies in microseconds, a tiny HdrHistogram with
 * about 3% relative precision.
 */
final class LatencyHistogram {

	// Values below 2 * SUB are exact; above, each power of two is split into SUB buckets.
	private static final int SUB_BITS = 5;

	private static final int SUB = 1 << SUB_BITS;

	private static final int LINEAR = 2 * SUB;

	// 2^40 us is about 12 days: anything larger is clamped, so the array never grows.
	private static final int MAX_BITS = 40;

	private static final long MAX_VALUE = (1L << MAX_BITS) - 1;

	private final long[] counts = new long[LINEAR + (MAX_BITS - SUB_BITS - 1) * SUB];

	private long total;

	private long max;

	void record(long micros) {
		long value = Math.min(Math.max(micros, 0), MAX_VALUE);
		this.counts[indexOf(value)]++;
		this.total++;
		this.max = Math.max(this.max, value);
	}

	void reset() {
		java.util.Arrays.fill(this.counts, 0);
		this.total = 0;
		this.max = 0;
	}

	long count() {
		return this.total;
	}

	long max() {
		return this.max;
	}

	/**
	 * Returns the value at the given percentile (0-100], reported as the top of its
	 * bucket (never above the recorded maximum), or 0 when nothing was recorded.
	 */
	long percentile(double percentile) {
		if (this.total == 0) {
			return 0;
		}
		long rank = Math.max(1, (long) Math.ceil(percentile / 100 * this.total));
		long seen = 0;
		for (int i = 0; i < this.counts.length; i++) {
			seen += this.counts[i];
			if (seen >= rank) {
				return Math.min(highestValueIn(i), this.max);
			}
		}
		return this.max;
	}

	static int indexOf(long value) {
		if (value < LINEAR) {
			return (int) value;
		}
		int exponent = 63 - Long.numberOfLeadingZeros(value);
		int shift = exponent - SUB_BITS;
		return LINEAR + (exponent - SUB_BITS - 1) * SUB + (int) ((value >>> shift) - SUB);
	}

	static long highestValueIn(int index) {
		if (index < LINEAR) {
			return index;
		}
		int shift = (index - LINEAR) / SUB + 1;
		long lowest = (long) (SUB + (index - LINEAR) % SUB) << shift;
		return lowest + (1L << shift) - 1;
	}

}
