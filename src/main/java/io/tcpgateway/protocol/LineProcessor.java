package io.tcpgateway.protocol;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

import io.tcpgateway.chat.ChatRoom;
import io.tcpgateway.chat.ChatRoom.Rename;
import io.tcpgateway.chat.SafeText;
import org.jspecify.annotations.Nullable;

/**
 * Turns each line from a client into replies: commands, then the session's mode.
 */
public final class LineProcessor {

	static final int MAX_EXPRESSION_LENGTH = 1024;

	static final String END_OF_LIST = ".";

	private static final List<String> HELP = List.of(
			"/help                 this list, ended by a line with a single dot",
			"/echo TEXT            reply with TEXT", "/calc EXPR            evaluate arithmetic: + - * / % ^ ( )",
			"/mode                 show the current mode",
			"/mode echo|calc|chat  switch mode; chat joins the chat room",
			"/nick [NAME]          show, or set, your chat name: 1-20 letters, digits, _ or -",
			"/who                  list the chat room, ended by a line with a single dot",
			"/count                show the number of open connections",
			"/alarms [since ID]    the last operator alarms (or those after ID): ID TIME text, ended by a dot",
			"/quit                 say goodbye and close", END_OF_LIST);

	private final ChatRoom room;

	private final IntSupplier openConnections;

	private final Errors errors;

	private final int chatLinesPerSecond;

	private final LongSupplier nanoTime;

	private final AlarmHistory alarms;

	private final String slowDown;

	private final Calculator calculator = new Calculator(MAX_EXPRESSION_LENGTH);

	/**
	 * Creates a processor on the system clock.
	 * @param room the chat room
	 * @param openConnections tells how many connections are open
	 * @param errors told of each {@code ERR} reply and each dropped chat line
	 * @param chatLinesPerSecond the most chat lines a session may send a second, with a
	 * burst of as many; 0 for no limit
	 */
	public LineProcessor(ChatRoom room, IntSupplier openConnections, Errors errors, int chatLinesPerSecond) {
		this(room, openConnections, errors, chatLinesPerSecond, AlarmHistory.NONE);
	}

	/**
	 * Creates a processor on the system clock that lists alarms.
	 * @param room the chat room
	 * @param openConnections tells how many connections are open
	 * @param errors told of each {@code ERR} reply and each dropped chat line
	 * @param chatLinesPerSecond the most chat lines a session may send a second, with a
	 * burst of as many; 0 for no limit
	 * @param alarms the recent alarms that {@code /alarms} lists
	 */
	public LineProcessor(ChatRoom room, IntSupplier openConnections, Errors errors, int chatLinesPerSecond,
			AlarmHistory alarms) {
		this(room, openConnections, errors, chatLinesPerSecond, System::nanoTime, alarms);
	}

	LineProcessor(ChatRoom room, IntSupplier openConnections, Errors errors, int chatLinesPerSecond,
			LongSupplier nanoTime) {
		this(room, openConnections, errors, chatLinesPerSecond, nanoTime, AlarmHistory.NONE);
	}

	LineProcessor(ChatRoom room, IntSupplier openConnections, Errors errors, int chatLinesPerSecond,
			LongSupplier nanoTime, AlarmHistory alarms) {
		this.room = room;
		this.openConnections = openConnections;
		this.errors = errors;
		this.chatLinesPerSecond = chatLinesPerSecond;
		this.nanoTime = nanoTime;
		this.alarms = alarms;
		this.slowDown = "ERR slow down (max " + chatLinesPerSecond + " chat lines per second)";
	}

	/**
	 * Processes one line; replies go out through the session's link.
	 * @param session the sender
	 * @param line the line, without its ending
	 * @return what kind of line it was
	 */
	public Kind process(Session session, String line) {
		String text = line.strip();
		if (text.isEmpty()) {
			return Kind.IGNORED;
		}
		if (text.charAt(0) == '/') {
			command(session, text);
			return Kind.COMMAND;
		}
		return switch (session.mode()) {
			case ECHO -> {
				session.responder().reply(line);
				yield Kind.ECHO;
			}
			case CALC -> {
				calculate(session, text);
				yield Kind.CALC;
			}
			case CHAT -> {
				chat(session, line);
				yield Kind.CHAT;
			}
		};
	}

	/**
	 * Starts a session whose connection has just opened and been greeted: one that starts
	 * in chat mode joins the room.
	 * @param session the session
	 */
	public void opened(Session session) {
		if (session.mode() == Mode.CHAT) {
			this.room.join(session);
		}
	}

	/**
	 * Forgets a session whose connection closed.
	 * @param session the session
	 */
	public void closed(Session session) {
		this.room.disconnect(session);
	}

	private void command(Session session, String text) {
		int space = firstWhitespace(text);
		String name = text.substring(0, space).toLowerCase(Locale.ROOT);
		String argument = text.substring(space).strip();
		Responder link = session.responder();
		switch (name) {
			case "/help" -> HELP.forEach(link::reply);
			case "/echo" -> reply(session, argument, "usage: /echo TEXT");
			case "/calc" -> calculate(session, argument);
			case "/mode" -> mode(session, argument);
			case "/nick" -> nick(session, argument);
			case "/who" -> {
				this.room.who().forEach(link::reply);
				link.reply(END_OF_LIST);
			}
			case "/count" -> link.reply(Integer.toString(this.openConnections.getAsInt()));
			case "/alarms" -> alarms(session, argument);
			case "/quit" -> link.hangUp("BYE");
			default -> error(session, "unknown command " + printable(name) + " (try /help)");
		}
	}

	private void alarms(Session session, String argument) {
		List<AlarmRecord> listed;
		if (argument.isEmpty()) {
			listed = this.alarms.recent();
		}
		else {
			int space = firstWhitespace(argument);
			if (!argument.substring(0, space).equalsIgnoreCase("since") || space == argument.length()) {
				error(session, "usage: /alarms [since ID]");
				return;
			}
			String id = argument.substring(space).strip();
			listed = this.alarms.since(id);
			if (listed == null) {
				error(session, "unknown alarm id " + printable(id) + " (try /alarms for the ones kept)");
				return;
			}
		}
		Responder link = session.responder();
		listed.forEach((alarm) -> link.reply(alarm.listing()));
		link.reply(END_OF_LIST);
	}

	private void chat(Session session, String line) {
		if (this.chatLinesPerSecond > 0) {
			long now = this.nanoTime.getAsLong();
			ChatRate rate = session.chatRate();
			if (rate == null) {
				rate = new ChatRate(this.chatLinesPerSecond, now);
				session.chatRate(rate);
			}
			if (!rate.tryTake(now)) {
				this.errors.flood();
				if (rate.warn(now)) {
					session.responder().reply(this.slowDown);
				}
				return;
			}
		}
		this.room.say(session, line);
	}

	private void reply(Session session, String value, String usage) {
		if (value.isEmpty()) {
			error(session, usage);
		}
		else {
			session.responder().reply(value);
		}
	}

	private void calculate(Session session, String expression) {
		try {
			session.responder().reply(this.calculator.evaluate(expression));
		}
		catch (CalculatorException ex) {
			error(session, ex.getMessage());
		}
	}

	private void mode(Session session, String argument) {
		if (argument.isEmpty()) {
			session.responder().reply(session.mode().label());
			return;
		}
		Mode wanted = parseMode(argument);
		if (wanted == null) {
			error(session, "unknown mode " + printable(argument) + " (echo, calc or chat)");
			return;
		}
		session.mode(wanted);
		if (wanted == Mode.CHAT) {
			// Joining again is harmless, and repairs a session that missed its opening.
			this.room.join(session);
			session.responder().reply("OK mode chat, you are " + session.nick());
		}
		else {
			// The name stays with the connection: it may come back to chat under it.
			this.room.leave(session);
			session.responder().reply("OK mode " + wanted.label());
		}
	}

	private void nick(Session session, String wanted) {
		if (wanted.isEmpty()) {
			String nick = session.nick();
			if (nick != null) {
				session.responder().reply(nick);
			}
			else {
				error(session, "no nickname yet (use /nick NAME)");
			}
			return;
		}
		CompletableFuture<Rename> outcome = this.room.rename(session, wanted).toCompletableFuture();
		if (outcome.isDone()) {
			String reply = nickReply(outcome.join(), wanted);
			if (reply != null) {
				session.responder().reply(reply);
			}
		}
		else {
			// The other nodes are asked; the answer, and the client's next lines, wait.
			session.responder().later(outcome.thenApply((rename) -> nickReply(rename, wanted)));
		}
	}

	private @Nullable String nickReply(Rename outcome, String wanted) {
		return switch (outcome) {
			case DONE -> "OK nick " + wanted;
			case INVALID -> errorLine("invalid nickname");
			case TAKEN -> errorLine("nickname in use");
			case UNAVAILABLE -> errorLine("name service unavailable, try again");
			// The connection has closed; nobody is left to tell.
			case GONE -> null;
		};
	}

	private String errorLine(String reason) {
		this.errors.protocolError();
		return "ERR " + reason;
	}

	private void error(Session session, String reason) {
		session.responder().reply(errorLine(reason));
	}

	private static Mode parseMode(String name) {
		for (Mode mode : Mode.values()) {
			if (mode.label().equalsIgnoreCase(name)) {
				return mode;
			}
		}
		return null;
	}

	private static int firstWhitespace(String text) {
		for (int i = 0; i < text.length(); i++) {
			if (Character.isWhitespace(text.charAt(i))) {
				return i;
			}
		}
		return text.length();
	}

	private static String printable(String text) {
		String shown = (text.length() > 32) ? text.substring(0, 32) + "..." : text;
		return SafeText.escape(shown);
	}

}
