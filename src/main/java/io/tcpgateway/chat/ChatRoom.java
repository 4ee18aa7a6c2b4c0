package io.tcpgateway.chat;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

/**
 * The chat room: its members, and the names held by every connected client.
 *
 * <p>
 * Names are unique without regard to case among all connected clients, members or not,
 * and a name is free again only when its holder renames or disconnects; leaving the room
 * keeps it. Every change happens under one lock, and a disconnected client can neither
 * join nor rename again, so a disconnect that races with either leaves no ghost behind.
 * The lock is held while lines are handed to members, which never blocks.
 *
 * <p>
 * Through its {@link RoomLink} the room may span several nodes: names are claimed on
 * every node, each event is published to the others in the order it happened here, and
 * {@link #remote(RoomEvent)} hands their events to the members here.
 */
public final class ChatRoom {

	private static final Pattern VALID_NICK = Pattern.compile("[A-Za-z0-9_-]{1,20}");

	private final Object lock = new Object();

	private final Map<String, Member> names = new HashMap<>();

	private final Set<Member> members = new LinkedHashSet<>();

	// Weak, so that a disconnected client is forgotten once nothing else holds it.
	private final Set<Member> gone = Collections.newSetFromMap(new WeakHashMap<>());

	private final RoomLink link;

	private long guests;

	/**
	 * Creates a room on this node alone.
	 */
	public ChatRoom() {
		this(RoomLink.LOCAL);
	}

	/**
	 * Creates a room that reaches other nodes through a link.
	 * @param link the link to the other nodes
	 */
	public ChatRoom(RoomLink link) {
		this.link = link;
	}

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
		synchronized (this.lock) {
			if (this.gone.contains(member)) {
				return Rename.GONE;
			}
			String old = member.nick();
			if (wanted.equals(old)) {
				return Rename.DONE;
			}
			Member holder = this.names.get(key(wanted));
			if (holder != null && holder != member) {
				return Rename.TAKEN;
			}
			boolean sameName = old != null && key(old).equals(key(wanted));
			if (!sameName && !this.link.claim(wanted)) {
				return Rename.TAKEN;
			}
			if (old != null) {
				this.names.remove(key(old));
				if (!sameName) {
					this.link.release(old);
				}
			}
			this.names.put(key(wanted), member);
			member.nick(wanted);
			if (old != null && this.members.contains(member)) {
				tell(member, RoomEvent.renamed(old, wanted));
			}
			return Rename.DONE;
		}
	}

	/**
	 * Joins the room, with a guest name if the member has none, and tells the others.
	 * @param member the member
	 * @return {@code true} if it joined now, {@code false} if it was a member already or
	 * has disconnected
	 */
	public boolean join(Member member) {
		synchronized (this.lock) {
			if (this.gone.contains(member)) {
				return false;
			}
			if (member.nick() == null) {
				String guest;
				do {
					guest = "guest" + (++this.guests);
				}
				while (this.names.containsKey(key(guest)) || !this.link.claim(guest));
				this.names.put(key(guest), member);
				member.nick(guest);
			}
			if (!this.members.add(member)) {
				return false;
			}
			tell(member, RoomEvent.joined(member.nick()));
			return true;
		}
	}

	/**
	 * Leaves the room; the member keeps its name.
	 * @param member the member
	 */
	public void leave(Member member) {
		synchronized (this.lock) {
			if (this.members.remove(member)) {
				tell(member, RoomEvent.left(member.nick()));
			}
		}
	}

	/**
	 * Leaves the room and frees the member's name for good, because it disconnected.
	 * @param member the member
	 */
	public void disconnect(Member member) {
		synchronized (this.lock) {
			this.gone.add(member);
			leave(member);
			String nick = member.nick();
			if (nick != null && this.names.remove(key(nick), member)) {
				this.link.release(nick);
			}
		}
	}

	/**
	 * Sends a line to every other member, with unsafe characters shown escaped.
	 * @param from the sender
	 * @param text what it said
	 */
	public void say(Member from, String text) {
		synchronized (this.lock) {
			if (this.members.contains(from)) {
				tell(from, RoomEvent.said(from.nick(), text));
			}
		}
	}

	/**
	 * Hands an event from another node to every member here.
	 * @param event the event
	 */
	public void remote(RoomEvent event) {
		Line line = event.line();
		synchronized (this.lock) {
			for (Member member : this.members) {
				member.deliver(line);
			}
		}
	}

	/**
	 * Tells the other nodes who is in the room here, in order with the events.
	 */
	public void present() {
		synchronized (this.lock) {
			this.link.present(this.members.stream().map(Member::nick).toList());
		}
	}

	/**
	 * The names held by the clients on this node, members or not.
	 * @return the names
	 */
	public List<String> names() {
		synchronized (this.lock) {
			return this.names.values().stream().map(Member::nick).toList();
		}
	}

	/**
	 * The names of the members on every node, sorted without regard to case.
	 * @return the names
	 */
	public List<String> who() {
		List<String> remote = this.link.remoteMembers();
		synchronized (this.lock) {
			return Stream.concat(this.members.stream().map(Member::nick), remote.stream())
				.sorted(String.CASE_INSENSITIVE_ORDER)
				.toList();
		}
	}

	/**
	 * Who holds a name, compared without regard to case.
	 * @param nick the name
	 * @return the holder, or {@code null} if the name is free
	 */
	@Nullable Member holder(String nick) {
		synchronized (this.lock) {
			return this.names.get(key(nick));
		}
	}

	private void tell(Member from, RoomEvent event) {
		Line line = event.line();
		for (Member member : this.members) {
			if (member != from) {
				member.deliver(line);
			}
		}
		this.link.publish(event);
	}

	private static String key(String nick) {
		return nick.toLowerCase(Locale.ROOT);
	}

	/**
	 * The outcome of a rename.
	 */
	public enum Rename {

		/** The member has the name now. */
		DONE,

		/** The name is not 1-20 letters, digits, {@code _} or {@code -}. */
		INVALID,

		/** Another client holds the name, in any case. */
		TAKEN,

		/** The member has disconnected. */
		GONE

	}

}
