package io.tcpgateway.chat;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * How the room's lines reach many members at once: the room decides who hears a line, a
 * fan-out delivers it; {@link #DIRECT} hands it to each member in turn.
 */
public interface Fanout {

	/** Delivers to each member through {@link Member#deliver}. */
	Fanout DIRECT = (members) -> (line, except) -> {
		for (Member member : members) {
			if (member != except) {
				member.deliver(line);
			}
		}
	};

	/**
	 * Prepares the delivery to a set of members, once for every line they will hear until
	 * the set changes.
	 * @param members the members, in the order they joined
	 * @return the audience
	 */
	Audience audience(List<Member> members);

	/**
	 * The members that hear a line together.
	 */
	interface Audience {

		/**
		 * Hands a line to every member but one, without blocking or writing to a socket;
		 * lines handed over one after another reach each member in that order.
		 * @param line the line
		 * @param except the member that does not hear it, or {@code null}
		 */
		void deliver(Line line, @Nullable Member except);

	}

}
