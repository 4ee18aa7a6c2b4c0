package io.tcpgateway.cluster;

import java.util.Set;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;

import io.tcpgateway.chat.RoomEvent;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes this node's messages to the cluster channels and the alarm stream's entries as
 * JSON, each stamped with this node's incarnation, and reads the others', refusing
 * whatever another node could not have sent: bad JSON, an unknown version or type, a
 * missing field, a bad name.
 */
final class ClusterCodec {

	private static final Pattern NICK = Pattern.compile("[A-Za-z0-9_-]{1,20}");

	private static final Set<String> TYPES = Set.of("join", "leave", "rename", "say", "alarm", "heartbeat", "bye",
			"alive");

	private final JsonMapper json = JsonMapper.builder().build();

	private final LongSupplier epoch;

	/**
	 * Creates a codec for the messages of one node.
	 * @param epoch the node's current incarnation
	 */
	ClusterCodec(LongSupplier epoch) {
		this.epoch = epoch;
	}

	/**
	 * Writes a message, with this node's current incarnation unless it has one.
	 * @param message the message
	 * @return the JSON text
	 */
	String encode(ClusterMessage message) {
		return this.json
			.writeValueAsString((message.epoch() != null) ? message : message.withEpoch(this.epoch.getAsLong()));
	}

	/**
	 * Reads a message.
	 * @param payload the text from the channel
	 * @return the message
	 * @throws IllegalArgumentException if it is not a message this version understands
	 */
	ClusterMessage decode(String payload) {
		ClusterMessage message;
		try {
			message = this.json.readValue(payload, ClusterMessage.class);
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("not a cluster message: " + ex.getOriginalMessage());
		}
		if (message == null) {
			throw new IllegalArgumentException("not a cluster message: null");
		}
		if (message.v() != ClusterMessage.VERSION) {
			throw new IllegalArgumentException("unknown version " + message.v());
		}
		require(message.type() != null && TYPES.contains(message.type()), "unknown type");
		require(message.node() != null && !message.node().isBlank(), "no node");
		require(message.epoch() == null || message.epoch() >= 0, "bad epoch");
		switch (message.type()) {
			case "join", "leave" -> require(isNick(message.nick()), "bad nick");
			case "rename" -> require(isNick(message.nick()) && isNick(message.text()), "bad nick");
			case "say" -> require(isNick(message.nick()) && message.text() != null, "bad chat line");
			case "alarm" -> require(message.text() != null, "no alarm text");
			case "heartbeat" ->
				require(message.connections() != null && message.connections() >= 0 && message.members() != null
						&& message.members().stream().allMatch(ClusterCodec::isNick), "bad heartbeat");
			default -> {
			}
		}
		return message;
	}

	/**
	 * The room event a message carries.
	 * @param message a {@code join}, {@code leave}, {@code rename} or {@code say} message
	 * @return the event
	 */
	static RoomEvent event(ClusterMessage message) {
		return switch (message.type()) {
			case "join" -> RoomEvent.joined(message.nick());
			case "leave" -> RoomEvent.left(message.nick());
			case "rename" -> RoomEvent.renamed(message.nick(), message.text());
			default -> RoomEvent.said(message.nick(), message.text());
		};
	}

	static String type(RoomEvent event) {
		return switch (event.type()) {
			case JOINED -> "join";
			case LEFT -> "leave";
			case RENAMED -> "rename";
			case SAID -> "say";
			case NOTICE -> throw new IllegalArgumentException("a notice stays on its node");
		};
	}

	private static boolean isNick(Object nick) {
		return nick instanceof String text && NICK.matcher(text).matches();
	}

	private static void require(boolean condition, String reason) {
		if (!condition) {
			throw new IllegalArgumentException(reason);
		}
	}

}
