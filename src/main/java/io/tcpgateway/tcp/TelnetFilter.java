package io.tcpgateway.tcp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Removes telnet negotiation (IAC sequences) from the input, so it is never echoed or
 * answered, and reads telnet's {@code CR NUL} as a bare {@code CR} (RFC 854); its state
 * carries over from one read to the next.
 */
final class TelnetFilter extends ChannelInboundHandlerAdapter {

	private static final int IAC = 0xFF;

	private static final int SB = 0xFA;

	private static final int SE = 0xF0;

	private static final int WILL = 0xFB;

	private static final int DONT = 0xFE;

	private State state = State.DATA;

	private boolean afterCr;

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) {
		if (msg instanceof ByteBuf bytes) {
			filter(bytes);
		}
		ctx.fireChannelRead(msg);
	}

	/** Filters the readable bytes in place. */
	void filter(ByteBuf bytes) {
		int start = bytes.readerIndex();
		int end = bytes.writerIndex();
		if (end == start) {
			return;
		}
		if (this.state == State.DATA && bytes.indexOf(start, end, (byte) IAC) < 0
				&& (bytes.indexOf(start, end, (byte) 0) < 0 || !hasCrNul(bytes, start, end))) {
			this.afterCr = bytes.getByte(end - 1) == '\r';
			return;
		}
		int out = start;
		for (int i = start; i < end; i++) {
			int b = bytes.getByte(i) & 0xFF;
			if (this.state == State.DATA && b != IAC) {
				boolean crNul = this.afterCr && b == 0;
				this.afterCr = b == '\r';
				if (!crNul) {
					if (out != i) {
						bytes.setByte(out, b);
					}
					out++;
				}
			}
			else {
				this.state = next(this.state, b);
			}
		}
		bytes.writerIndex(out);
	}

	private boolean hasCrNul(ByteBuf bytes, int start, int end) {
		for (int nul = bytes.indexOf(start, end, (byte) 0); nul >= 0; nul = bytes.indexOf(nul + 1, end, (byte) 0)) {
			if ((nul == start) ? this.afterCr : bytes.getByte(nul - 1) == '\r') {
				return true;
			}
		}
		return false;
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
