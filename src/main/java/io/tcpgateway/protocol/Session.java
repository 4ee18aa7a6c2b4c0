package io.tcpgateway.protocol;

import io.tcpgateway.chat.Line;
import io.tcpgateway.chat.Member;
import org.jspecify.annotations.Nullable;

/**
 * One client's protocol state: its mode and chat name, and the link to its connection.
 */
public final class Session implements Member {

	private final String id;

	private final Link link;

	private volatile Mode mode;

	private volatile @Nullable String nick;

	// Touched only by the protocol, on the connection's own thread.
	private @Nullable ChatRate chatRate;

	public Session(String id, Mode mode, Link link) {
		this.id = id;
		this.mode = mode;
		this.link = link;
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
		this.link.push(line);
	}

	public Link link() {
		return this.link;
	}

	@Nullable ChatRate chatRate() {
		return this.chatRate;
	}

	void chatRate(ChatRate chatRate) {
		this.chatRate = chatRate;
	}

}
