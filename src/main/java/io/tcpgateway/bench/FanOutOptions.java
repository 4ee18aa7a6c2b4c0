package io.tcpgateway.bench;

/**
 * Options of the fan-out modes of the {@code bench} command: a chat room ({@code --chat})
 * and an operator alarm ({@code --alarm}).
 *
 * @param mode which fan-out mode runs, if any
 * @param senders members of the room that send lines (the first ones)
 * @param rate lines a second per sender; 0 for a closed loop bounded by {@code window}
 * @param window in the closed loop, lines per sender not yet delivered to every other
 * member
 * @param httpPort HTTP port of the alarm endpoint ({@code POST /actuator/broadcast})
 * @param user HTTP Basic user for the alarm endpoint
 * @param password HTTP Basic password for the alarm endpoint
 * @param rounds alarms sent, one after another; medians are reported
 */
record FanOutOptions(Mode mode, int senders, int rate, int window, int httpPort, String user, String password,
		int rounds) {

	static final FanOutOptions NONE = new FanOutOptions(Mode.NONE, 1, 0, 2, 8081, "admin", "", 5);

	// The sender id, sequence number and send time must fit in the line, with CRLF.
	static final int MIN_CHAT_SIZE = 48;

	FanOutOptions {
		require(senders >= 1, "--senders must be at least 1");
		require(rate >= 0 && rate <= 1_000_000, "--rate must be between 0 and 1000000");
		require(window >= 1 && window <= 100_000, "--window must be between 1 and 100000");
		require(httpPort >= 1 && httpPort <= 65535, "--http-port must be between 1 and 65535");
		require(rounds >= 1 && rounds <= 10_000, "--rounds must be between 1 and 10000");
	}

	/**
	 * Checks the options that depend on the rest of the command line.
	 */
	void validate(int connections, int size, boolean idle, boolean tls) {
		if (this.mode == Mode.NONE) {
			return;
		}
		require(!idle, "--idle and --" + this.mode.option() + " exclude each other");
		require(!tls, "--tls is not supported with --" + this.mode.option());
		if (this.mode == Mode.CHAT) {
			require(connections >= 2, "--chat needs at least 2 connections (room members)");
			require(this.senders <= connections, "--senders must not exceed --connections");
			require(size >= MIN_CHAT_SIZE, "--size must be at least " + MIN_CHAT_SIZE + " with --chat");
		}
	}

	private static void require(boolean condition, String message) {
		if (!condition) {
			throw new IllegalArgumentException(message);
		}
	}

	/**
	 * The fan-out modes.
	 */
	enum Mode {

		NONE, CHAT, ALARM;

		String option() {
			return name().toLowerCase(java.util.Locale.ROOT);
		}

	}

}
