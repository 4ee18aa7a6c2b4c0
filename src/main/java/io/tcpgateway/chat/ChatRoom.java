package io.tcpgateway.chat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

/**
 * The chat room: its members, and the names held by every connected client.
 *
 * <p>
 * Names are unique without regard to case among all connected clients, members or not,
 * and a name is free again only when its holder renames or disconnects; leaving the room
 * keeps it. Every decision is made under one short lock: who hears a line, in which
 * order, and who holds a name. The lock is never held while a line is written or while
 * the other nodes are asked about a name: lines are handed to the {@link Fanout}, which
 * only queues them, and a claim is made after the name is reserved here and settled under
 * the lock again when the answer comes. Names are given back to the other nodes in the
 * order they are given up here, and a rename is done only once the old name is free there
 * too.
 *
 * <p>
 * Through its {@link RemoteRooms} the room may span several nodes: names are claimed on
 * every node, each event is published to the others in the order it happened here, and
 * {@link #remote(RoomEvent)} hands their events to the members here.
 */
public final class ChatRoom {

	private static final Pattern VALID_NICK = Pattern.compile("[A-Za-z0-9_-]{1,20}");

	/** How many guest names a joining member tries before it keeps one unclaimed. */
	private static final int GUEST_CLAIMS = 3;

	private final Object lock = new Object();

	// Held names and names reserved while they are claimed on the other nodes.
	private final Map<String, Member> names = new HashMap<>();

	private final Set<Member> members = new LinkedHashSet<>();

	// Weak, so that a disconnected client is forgotten once nothing else holds it.
	private final Set<Member> gone = Collections.newSetFromMap(new WeakHashMap<>());

	private final RemoteRooms remote;

	private final Fanout fanout;

	private Fanout.@Nullable Audience audience;

	private long guests;

	/**
	 * Creates a room on this node alone that delivers to each member in turn.
	 */
	public ChatRoom() {
		this(RemoteRooms.NONE, Fanout.DIRECT);
	}

	/**
	 * Creates a room.
	 * @param remote the same room on the other nodes
	 * @param fanout delivers each line to the members
	 */
	public ChatRoom(RemoteRooms remote, Fanout fanout) {
		this.remote = remote;
		this.fanout = fanout;
	}

	/**
	 * Gives a member a new name and tells the room if it is in it. With other nodes the
	 * name is reserved here, claimed on them, and the outcome settles when they answer.
	 * @param member the member
	 * @param wanted the name it asked for
	 * @return the outcome, once known
	 */
	public CompletionStage<Rename> rename(Member member, String wanted) {
		if (!VALID_NICK.matcher(wanted).matches()) {
			return CompletableFuture.completedFuture(Rename.INVALID);
		}
		synchronized (this.lock) {
			if (this.gone.contains(member)) {
				return CompletableFuture.completedFuture(Rename.GONE);
			}
			String old = member.nick();
			if (wanted.equals(old)) {
				return CompletableFuture.completedFuture(Rename.DONE);
			}
			Member holder = this.names.get(key(wanted));
			if (holder != null && holder != member) {
				return CompletableFuture.completedFuture(Rename.TAKEN);
			}
			if (old != null && key(old).equals(key(wanted))) {
				apply(member, wanted);
				return CompletableFuture.completedFuture(Rename.DONE);
			}
			this.names.put(key(wanted), member);
		}
		CompletableFuture<Boolean> claim;
		try {
			claim = this.remote.claim(wanted);
		}
		catch (RuntimeException ex) {
			synchronized (this.lock) {
				this.names.remove(key(wanted), member);
			}
			throw ex;
		}
		return claim.handle((won, failure) -> settle(member, wanted, won, failure)).thenCompose(Function.identity());
	}

	/**
	 * Gives the member the name it claimed, if it still may have it; a rename is done
	 * once the old name is free on the other nodes too.
	 */
	private CompletionStage<Rename> settle(Member member, String wanted, @Nullable Boolean won,
			@Nullable Throwable failure) {
		boolean claimed = failure == null && Boolean.TRUE.equals(won);
		synchronized (this.lock) {
			boolean reserved = this.names.get(key(wanted)) == member;
			if (claimed && reserved && !this.gone.contains(member)) {
				return apply(member, wanted).thenApply((released) -> Rename.DONE);
			}
			if (reserved) {
				this.names.remove(key(wanted));
			}
			if (claimed) {
				this.remote.release(wanted);
			}
		}
		return CompletableFuture.completedFuture(outcome(claimed, failure));
	}

	private static Rename outcome(boolean claimed, @Nullable Throwable failure) {
		if (failure != null) {
			return Rename.UNAVAILABLE;
		}
		return (claimed) ? Rename.GONE : Rename.TAKEN;
	}

	/**
	 * Gives a member a name it may have; called under the lock, so that names are given
	 * back to the other nodes in the order they are given up here.
	 * @return completed once the old name is given back
	 */
	private CompletableFuture<Void> apply(Member member, String wanted) {
		String old = member.nick();
		CompletableFuture<Void> released = CompletableFuture.completedFuture(null);
		if (old != null) {
			this.names.remove(key(old), member);
			if (!key(old).equals(key(wanted))) {
				released = this.remote.release(old);
			}
		}
		this.names.put(key(wanted), member);
		member.nick(wanted);
		if (old != null && this.members.contains(member)) {
			tell(member, RoomEvent.renamed(old, wanted));
		}
		return released;
	}

	/**
	 * Joins the room, with a guest name if the member has none, and tells the others. A
	 * guest joins at once under a name free on this node; the name is claimed on the
	 * other nodes afterwards, and a member whose guest name another node holds is renamed
	 * to the next one.
	 * @param member the member
	 * @return {@code true} if it joined now, {@code false} if it was a member already or
	 * has disconnected
	 */
	public boolean join(Member member) {
		String guest = null;
		synchronized (this.lock) {
			if (this.gone.contains(member)) {
				return false;
			}
			if (member.nick() == null) {
				guest = nextGuest();
				this.names.put(key(guest), member);
				member.nick(guest);
			}
			if (!this.members.add(member)) {
				return false;
			}
			this.audience = null;
			tell(member, RoomEvent.joined(member.nick()));
		}
		if (guest != null) {
			claimGuest(member, guest, GUEST_CLAIMS);
		}
		return true;
	}

	private void claimGuest(Member member, String guest, int tries) {
		this.remote.claim(guest).whenComplete((won, failure) -> {
			if (failure != null || Boolean.TRUE.equals(won)) {
				// kept; without an answer, the heartbeat claims it when the cluster is
				// back
				return;
			}
			String next;
			synchronized (this.lock) {
				if (this.gone.contains(member) || !guest.equals(member.nick())) {
					return;
				}
				next = nextGuest();
				apply(member, next);
			}
			if (tries > 1) {
				claimGuest(member, next, tries - 1);
			}
		});
	}

	private String nextGuest() {
		String guest;
		do {
			guest = "guest" + (++this.guests);
		}
		while (this.names.containsKey(key(guest)));
		return guest;
	}

	/**
	 * Leaves the room; the member keeps its name.
	 * @param member the member
	 */
	public void leave(Member member) {
		synchronized (this.lock) {
			if (this.members.remove(member)) {
				this.audience = null;
				tell(member, RoomEvent.left(member.nick()));
			}
		}
	}

	/**
	 * Leaves the room and frees the member's name for good, because it disconnected; the
	 * other nodes are told without waiting for them.
	 * @param member the member
	 */
	public void disconnect(Member member) {
		synchronized (this.lock) {
			this.gone.add(member);
			leave(member);
			String nick = member.nick();
			if (nick != null && this.names.remove(key(nick), member)) {
				this.remote.release(nick);
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
			audience().deliver(line, null);
		}
	}

	/**
	 * Tells the other nodes who is in the room here, in order with the events.
	 */
	public void present() {
		synchronized (this.lock) {
			this.remote.present(this.members.stream().map(Member::nick).toList());
		}
	}

	/**
	 * The names held by the clients on this node, members or not, claimed or being
	 * claimed.
	 * @return the names
	 */
	public List<String> names() {
		synchronized (this.lock) {
			List<String> held = new ArrayList<>(this.names.size());
			this.names.forEach((key, member) -> held
				.add(key.equals(key(String.valueOf(member.nick()))) ? String.valueOf(member.nick()) : key));
			return held;
		}
	}

	/**
	 * The names of the members on every node, sorted without regard to case.
	 * @return the names
	 */
	public List<String> who() {
		List<String> remote = this.remote.remoteMembers();
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

	/** Hands an event to every other member and to the other nodes; under the lock. */
	private void tell(Member from, RoomEvent event) {
		audience().deliver(event.line(), from);
		this.remote.publish(event);
	}

	private Fanout.Audience audience() {
		Fanout.Audience current = this.audience;
		if (current == null) {
			current = this.fanout.audience(List.copyOf(this.members));
			this.audience = current;
		}
		return current;
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

		/** The other nodes could not say in time whether the name is free. */
		UNAVAILABLE,

		/** The member has disconnected. */
		GONE

	}

}
