package io.tcpgateway.tcp;

/**
 * Removes telnet negotiation (IAC sequences) from input, so it is never echoed or
 * answered; its state carries over from one read to the next.
 */
final class TelnetFilter {

	private static final int IAC = 0xFF;

	private static final int SB = 0xFA;

	private static final int SE = 0xF0;

	private static final int WILL = 0xFB;

	private static final int DONT = 0xFE;

	private State state = State.DATA;

	/**
	 * Filters bytes in place.
	 * @param bytes the buffer
	 * @param offset where the new bytes start
	 * @param length how many new bytes there are
	 * @return how many bytes remain, moved to start at {@code offset}
	 */
	int filter(byte[] bytes, int offset, int length) {
		int out = offset;
		for (int i = offset; i < offset + length; i++) {
			int b = bytes[i] & 0xFF;
			if (this.state == State.DATA && b != IAC) {
				bytes[out++] = bytes[i];
			}
			else {
				this.state = next(this.state, b);
			}
		}
		return out - offset;
	}

	private static State next(State state, int b) {
		return switch (state) {
			case DATA -> State.COMMAND;
			case COMMAND -> (b == SB) ? State.SUBNEGOTIATION : (b >= WILL && b <= DONT) ? State.OPTION : State.DATA;
			case OPTION -> State.DATA;
			case SUBNEGOTIATION -> (b == IAC) ? State.SUBNEGOTIATION_IAC : State.SUBNEGOTIATION;
			case SUBNEGOTIATION_IAC -> (b == SE) ? State.DATA : State.SUBNEGOTIATION;
		};
	}

	private enum State {

		DATA, COMMAND, OPTION, SUBNEGOTIATION, SUBNEGOTIATION_IAC

	}

}
