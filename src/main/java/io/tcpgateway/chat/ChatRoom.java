package io.tcpgateway.chat;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * The chat room: its members, and the names held by every connected client.
 *
 * <p>
 * Names are unique without regard to case among all connected clients, members or not,
 * and a name is free again only when its holder renames or disconnects.
 */
public final class ChatRoom {

	private static final Pattern VALID_NICK = Pattern.compile("[A-Za-z0-9_-]{1,20}");

	private final Map<String, Member> names = new ConcurrentHashMap<>();

	private final Set<Member> members = ConcurrentHashMap.newKeySet();

	private final AtomicLong guests = new AtomicLong();

	/**
	 * Gives a member a new name and tells the room if it is in it.
	 * @param member the member
	 * @param wanted the name it asked for
	 * @return the outcome
	 */
	public Rename rename(Member member, String wanted) {
		if (!VALID_NICK.matcher(wanted).matches()) {
			return Rename.INVALID;
		}
		String old = member.nick();
		if (wanted.equals(old)) {
			return Rename.DONE;
		}
		Member holder = this.names.putIfAbsent(key(wanted), member);
		if (holder != null && holder != member) {
			return Rename.TAKEN;
		}
		member.nick(wanted);
		if (old != null) {
			this.names.remove(key(old), member);
			if (this.members.contains(member)) {
				tellOthers(member, "* " + old + " is now known as " + wanted);
			}
		}
		return Rename.DONE;
	}

	/**
	 * Joins the room, with a guest name if the member has none.
	 * @param member the member
	 */
	public void join(Member member) {
		if (member.nick() == null) {
			String guest;
			do {
				guest = "guest" + this.guests.incrementAndGet();
			}
			while (this.names.putIfAbsent(key(guest), member) != null);
			member.nick(guest);
		}
		if (this.members.add(member)) {
			tellOthers(member, "* " + member.nick() + " joined");
		}
	}

	/**
	 * Leaves the room; the member keeps its name.
	 * @param member the member
	 */
	public void leave(Member member) {
		if (this.members.remove(member)) {
			tellOthers(member, "* " + member.nick() + " left");
		}
	}

	/**
	 * Leaves the room and frees the member's name, because it disconnected.
	 * @param member the member
	 */
	public void disconnect(Member member) {
		leave(member);
		String nick = member.nick();
		if (nick != null) {
			this.names.remove(key(nick), member);
		}
	}

	/**
	 * Sends a line to every other member, with control characters shown escaped.
	 * @param from the sender
	 * @param text what it said
	 */
	public void say(Member from, String text) {
		tellOthers(from, "<" + from.nick() + "> " + ControlCharacters.escape(text));
	}

	/**
	 * The names of the members, sorted without regard to case.
	 * @return the names
	 */
	public List<String> who() {
		return this.members.stream().map(Member::nick).sorted(String.CASE_INSENSITIVE_ORDER).toList();
	}

	private void tellOthers(Member from, String text) {
		Line line = Line.of(text);
		for (Member member : this.members) {
			if (member != from) {
				member.deliver(line);
			}
		}
	}

	private static String key(String nick) {
		return nick.toLowerCase(Locale.ROOT);
	}

	/**
	 * The outcome of a rename.
	 */
	public enum Rename {

		DONE, INVALID, TAKEN

	}

}
