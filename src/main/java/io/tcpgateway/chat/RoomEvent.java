package io.tcpgateway.chat;

import org.jspecify.annotations.Nullable;

/**
 * Something that happened in the room that every other member hears of: a join, a leave,
 * a rename or a chat line; or a notice about the room itself, which stays on its node.
 *
 * @param type what happened
 * @param nick the member's name (its old name for a rename), empty for a notice
 * @param text the new name for a rename, what was said for a chat line, the text of a
 * notice, else {@code null}
 */
public record RoomEvent(Type type, String nick, @Nullable String text) {

	public static RoomEvent joined(String nick) {
		return new RoomEvent(Type.JOINED, nick, null);
	}

	public static RoomEvent left(String nick) {
		return new RoomEvent(Type.LEFT, nick, null);
	}

	public static RoomEvent renamed(String nick, String newNick) {
		return new RoomEvent(Type.RENAMED, nick, newNick);
	}

	public static RoomEvent said(String nick, String text) {
		return new RoomEvent(Type.SAID, nick, text);
	}

	/**
	 * A notice about the room from this node itself, such as that it is cut off from the
	 * other nodes.
	 * @param text the notice, trusted text
	 * @return the event
	 */
	public static RoomEvent notice(String text) {
		return new RoomEvent(Type.NOTICE, "", text);
	}

	/**
	 * The line members see, with the sender's text shown escaped.
	 * @return the line
	 */
	public Line line() {
		return Line.of(switch (this.type) {
			case JOINED -> "* " + this.nick + " joined";
			case LEFT -> "* " + this.nick + " left";
			case RENAMED -> "* " + this.nick + " is now known as " + this.text;
			case SAID -> "<" + this.nick + "> " + SafeText.escape(String.valueOf(this.text));
			case NOTICE -> "* " + this.text;
		});
	}

	/**
	 * The kinds of room event.
	 */
	public enum Type {

		/** A member joined. */
		JOINED,

		/** A member left. */
		LEFT,

		/** A member changed its name. */
		RENAMED,

		/** A member said something. */
		SAID,

		/** This node tells its members something about the room. */
		NOTICE

	}

}
