package io.tcpgateway.bench;

/**
 * Counts failures and reports only the first few on stderr, so a broken server does not
 * flood the terminal.
 */
final class FailureReport {

	private static final int SHOWN = 10;

	private long count;

	private int shown;

	void add(String message) {
		add(1, message);
	}

	void add(long errors, String message) {
		this.count += errors;
		if (this.shown < SHOWN) {
			System.err.println("bench: error: " + message);
			if (++this.shown == SHOWN) {
				System.err.println("bench: further errors are counted but not shown");
			}
		}
	}

	long count() {
		return this.count;
	}

}
