package io.tcpgateway.protocol;

import io.tcpgateway.chat.Line;
import io.tcpgateway.chat.Member;
import org.jspecify.annotations.Nullable;

/**
 * One client's protocol state: its mode and chat name, and the way to answer it.
 */
public final class Session implements Member {

	private final String id;

	private final Responder responder;

	private volatile Mode mode;

	private volatile @Nullable String nick;

	// Touched only by the protocol, on the connection's own thread.
	private @Nullable ChatRate chatRate;

	public Session(String id, Mode mode, Responder responder) {
		this.id = id;
		this.mode = mode;
		this.responder = responder;
	}

	public String id() {
		return this.id;
	}

	public Mode mode() {
		return this.mode;
	}

	void mode(Mode mode) {
		this.mode = mode;
	}

	@Override
	public @Nullable String nick() {
		return this.nick;
	}

	@Override
	public void nick(String nick) {
		this.nick = nick;
	}

	@Override
	public void deliver(Line line) {
		this.responder.push(line);
	}

	public Responder responder() {
		return this.responder;
	}

	@Nullable ChatRate chatRate() {
		return this.chatRate;
	}

	void chatRate(ChatRate chatRate) {
		this.chatRate = chatRate;
	}

}
