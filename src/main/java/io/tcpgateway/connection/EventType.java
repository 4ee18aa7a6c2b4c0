package io.tcpgateway.connection;

/**
 * The kinds of connection event the gateway records, each with the word its log line
 * starts with.
 */
public enum EventType {

	SERVER_LISTENING("listening"), SERVER_STOPPED("stopped"), OPENED("connected"), CLOSED("disconnected"),
	REJECTED("rejected"), LINE_TOO_LONG("line too long"), IDLE_TIMEOUT("idle timeout"), SLOW_CONSUMER("slow consumer"),
	ERROR("error"), PROXY_REJECTED("proxy header rejected"), HANDSHAKE_FAILED("tls handshake failed"), AUDIT("audit");

	private final String verb;

	EventType(String verb) {
		this.verb = verb;
	}

	String verb() {
		return this.verb;
	}

}
