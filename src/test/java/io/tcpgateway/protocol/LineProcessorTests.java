package io.tcpgateway.protocol;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.tcpgateway.chat.ChatRoom;
import io.tcpgateway.chat.Line;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Command parsing and modes, on plain objects.
 */
class LineProcessorTests {

	private static final long MILLIS = 1_000_000L;

	private final AtomicInteger errors = new AtomicInteger();

	private final AtomicInteger floods = new AtomicInteger();

	private final AtomicLong nanoTime = new AtomicLong(123_456_789L);

	private final ChatRoom room = new ChatRoom();

	private final LineProcessor processor = new LineProcessor(this.room, () -> 3,
			Errors.of(this.errors::incrementAndGet, this.floods::incrementAndGet), 20, this.nanoTime::get);

	private final RecordingLink link = new RecordingLink();

	private final Session session = new Session("id-1", Mode.ECHO, this.link);

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			/echo hello world      | hello world
			/ECHO   spaced out     | spaced out
			'  /echo trimmed  '    | trimmed
			/calc 2+3*4            | 14
			/Calc -(2^3)^2         | -64
			/calc 7/2              | 3.5
			/calc 1/0              | ERR division by zero
			/calc                  | ERR empty expression
			/echo                  | ERR usage: /echo TEXT
			/count                 | 3
			/mode                  | echo
			/mode calc             | OK mode calc
			/MODE Echo             | OK mode echo
			/mode loud             | ERR unknown mode loud (echo, calc or chat)
			/nick alice            | OK nick alice
			/nick                  | ERR no nickname yet (use /nick NAME)
			/nick bad name!        | ERR invalid nickname
			/nick abcdefghijklmnopqrstu | ERR invalid nickname
			/foo                   | ERR unknown command /foo (try /help)
			/                      | ERR unknown command / (try /help)
			""")
	void answersEachCommandWithOneLine(String line, String reply) {
		assertThat(this.processor.process(this.session, line)).isEqualTo(Kind.COMMAND);
		assertThat(this.link.lines).containsExactly(reply);
		assertThat(this.errors.get()).isEqualTo(reply.startsWith("ERR ") ? 1 : 0);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			textBlock = """
					/foo\u001b[2J   | ERR unknown command /foo\\x1B[2j (try /help)
					/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa | ERR unknown command /aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa... (try /help)
					""")
	void neverEchoesRawControlCharactersOrLongTextInErrors(String line, String reply) {
		this.processor.process(this.session, line);
		assertThat(this.link.lines).containsExactly(reply);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			9^9^9^9      | ERR result out of range
			1e999999999  | ERR number too large
			2 $ 3        | ERR syntax error at position 3
			""")
	void answersHostileExpressionsWithAnError(String expression, String reply) {
		this.processor.process(this.session, "/calc " + expression);
		assertThat(this.link.lines).containsExactly(reply);
	}

	@Test
	void rejectsExpressionsLongerThanTheLimit() {
		this.processor.process(this.session, "/calc " + "1+".repeat(2500) + "1");
		assertThat(this.link.lines).containsExactly("ERR expression too long (max 1024 characters)");
	}

	@Test
	void listsTheCommandsEndedByADot() {
		this.processor.process(this.session, "/help");
		assertThat(this.link.lines).hasSizeGreaterThan(8).last().isEqualTo(".");
		assertThat(this.link.lines).anyMatch((line) -> line.startsWith("/calc EXPR"))
			.anyMatch((line) -> line.startsWith("/alarms [since ID]"))
			.anyMatch((line) -> line.startsWith("/quit"));
	}

	@Test
	void listsTheRecentAlarmsWithIdsAndTimesNewestLastEndedByADot() {
		LineProcessor processor = withAlarms(
				new AlarmRecord("1000-0", Instant.parse("2026-12-07T01:02:03.456Z"), "disk full"),
				new AlarmRecord("1000-1", Instant.parse("2026-12-07T01:02:03.456Z"), "red \u001b[31m"),
				new AlarmRecord("2000-0", Instant.parse("2026-12-07T02:00:00Z"), "all clear"));
		processor.process(this.session, "/alarms");
		assertThat(this.link.lines).containsExactly("1000-0 2026-12-07T01:02:03Z disk full",
				"1000-1 2026-12-07T01:02:03Z red \\x1B[31m", "2000-0 2026-12-07T02:00:00Z all clear", ".");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			/alarms since 1000-0     | 2000-0 2026-12-07T02:00:00Z all clear;.
			/Alarms  SINCE   2000-0  | .
			/alarms since 1500-0     | ERR unknown alarm id 1500-0 (try /alarms for the ones kept)
			/alarms since            | ERR usage: /alarms [since ID]
			/alarms latest           | ERR usage: /alarms [since ID]
			""")
	void listsTheAlarmsAfterOneItKeeps(String line, String replies) {
		LineProcessor processor = withAlarms(
				new AlarmRecord("1000-0", Instant.parse("2026-12-07T01:02:03Z"), "disk full"),
				new AlarmRecord("2000-0", Instant.parse("2026-12-07T02:00:00Z"), "all clear"));
		processor.process(this.session, line);
		assertThat(this.link.lines).containsExactly(replies.split(";"));
		assertThat(this.errors.get()).isEqualTo(replies.startsWith("ERR ") ? 1 : 0);
	}

	@Test
	void listsNoAlarmsWithoutAHistory() {
		this.processor.process(this.session, "/alarms");
		assertThat(this.link.lines).containsExactly(".");
	}

	private LineProcessor withAlarms(AlarmRecord... alarms) {
		List<AlarmRecord> kept = List.of(alarms);
		AlarmHistory history = new AlarmHistory() {

			@Override
			public List<AlarmRecord> recent() {
				return kept;
			}

			@Override
			public List<AlarmRecord> since(String id) {
				for (int i = 0; i < kept.size(); i++) {
					if (kept.get(i).id().equals(id)) {
						return kept.subList(i + 1, kept.size());
					}
				}
				return null;
			}

		};
		return new LineProcessor(this.room, () -> 3,
				Errors.of(this.errors::incrementAndGet, this.floods::incrementAndGet), 20, this.nanoTime::get, history);
	}

	@Test
	void handsPlainLinesToTheMode() {
		assertThat(this.processor.process(this.session, "2+2")).isEqualTo(Kind.ECHO);
		this.processor.process(this.session, "/mode calc");
		assertThat(this.processor.process(this.session, "2+2")).isEqualTo(Kind.CALC);
		assertThat(this.link.lines).containsExactly("2+2", "OK mode calc", "4");
	}

	@Test
	void ignoresBlankLines() {
		assertThat(this.processor.process(this.session, "  \t ")).isEqualTo(Kind.IGNORED);
		assertThat(this.link.lines).isEmpty();
	}

	@Test
	void quitsWithAGoodbye() {
		this.processor.process(this.session, "/quit");
		assertThat(this.link.hangUp).isEqualTo("BYE");
	}

	@Test
	void chatsWithTheOtherMembersOnly() {
		RecordingLink otherLink = new RecordingLink();
		Session other = new Session("id-2", Mode.ECHO, otherLink);
		this.processor.process(this.session, "/nick alice");
		this.processor.process(this.session, "/mode chat");
		this.processor.process(other, "/mode chat");
		assertThat(this.processor.process(this.session, "hi all")).isEqualTo(Kind.CHAT);
		assertThat(otherLink.pushed).containsExactly("<alice> hi all");
		assertThat(this.link.pushed).containsExactly("* " + other.nick() + " joined");
		this.processor.process(this.session, "/who");
		assertThat(this.link.lines).endsWith("alice", other.nick(), ".");
	}

	@Test
	void showsTheCurrentNicknameWhenAskedWithoutOne() {
		this.processor.process(this.session, "/mode chat");
		this.processor.process(this.session, "/nick");
		this.processor.process(this.session, "/nick ann");
		this.processor.process(this.session, "/NICK  ");
		assertThat(this.link.lines).containsExactly("OK mode chat, you are guest1", "guest1", "OK nick ann", "ann");
		assertThat(this.errors.get()).isZero();
	}

	@Test
	void joinsTheRoomWhenASessionOpensInChatMode() {
		RecordingLink otherLink = new RecordingLink();
		Session other = new Session("id-2", Mode.ECHO, otherLink);
		this.processor.process(other, "/nick bob");
		this.processor.process(other, "/mode chat");
		RecordingLink chatLink = new RecordingLink();
		Session chatty = new Session("id-3", Mode.CHAT, chatLink);
		this.processor.opened(chatty);
		assertThat(otherLink.pushed).containsExactly("* guest1 joined");
		this.processor.process(chatty, "hello");
		this.processor.process(chatty, "/who");
		assertThat(otherLink.pushed).containsExactly("* guest1 joined", "<guest1> hello");
		assertThat(chatLink.lines).containsExactly("bob", "guest1", ".");
	}

	@Test
	void doesNotJoinTheRoomWhenASessionOpensInAnotherMode() {
		this.processor.opened(this.session);
		assertThat(this.session.nick()).isNull();
		assertThat(this.room.who()).isEmpty();
	}

	@Test
	void keepsTheNameAfterLeavingChatModeUntilTheConnectionCloses() {
		RecordingLink otherLink = new RecordingLink();
		Session other = new Session("id-2", Mode.ECHO, otherLink);
		this.processor.process(this.session, "/nick ann");
		this.processor.process(this.session, "/mode chat");
		this.processor.process(this.session, "/mode echo");
		this.processor.process(other, "/nick ANN");
		this.processor.process(this.session, "/mode chat");
		this.processor.closed(this.session);
		this.processor.process(other, "/nick ANN");
		assertThat(this.link.lines).containsExactly("OK nick ann", "OK mode chat, you are ann", "OK mode echo",
				"OK mode chat, you are ann");
		assertThat(otherLink.lines).containsExactly("ERR nickname in use", "OK nick ANN");
	}

	@Test
	void dropsChatLinesOverTheRateAndSaysSoAtMostOncePerSecond() {
		RecordingLink otherLink = new RecordingLink();
		Session other = new Session("id-2", Mode.CHAT, otherLink);
		this.processor.opened(other);
		this.processor.process(this.session, "/nick ann");
		this.processor.process(this.session, "/mode chat");
		this.link.lines.clear();
		otherLink.pushed.clear();
		for (int i = 1; i <= 25; i++) {
			assertThat(this.processor.process(this.session, "line " + i)).isEqualTo(Kind.CHAT);
		}
		assertThat(otherLink.pushed).hasSize(20).last().isEqualTo("<ann> line 20");
		assertThat(this.link.lines).containsExactly("ERR slow down (max 20 chat lines per second)");
		assertThat(this.floods.get()).isEqualTo(5);
		assertThat(this.errors.get()).isZero();

		this.nanoTime.addAndGet(50 * MILLIS);
		this.processor.process(this.session, "one more");
		this.processor.process(this.session, "too many");
		assertThat(otherLink.pushed).hasSize(21).last().isEqualTo("<ann> one more");
		assertThat(this.link.lines).hasSize(1);
		assertThat(this.floods.get()).isEqualTo(6);

		this.nanoTime.addAndGet(1000 * MILLIS);
		for (int i = 1; i <= 21; i++) {
			this.processor.process(this.session, "again " + i);
		}
		assertThat(otherLink.pushed).hasSize(41);
		assertThat(this.link.lines).containsExactly("ERR slow down (max 20 chat lines per second)",
				"ERR slow down (max 20 chat lines per second)");
	}

	@Test
	void neverLimitsEchoOrCalc() {
		for (int i = 0; i < 100; i++) {
			this.processor.process(this.session, "echo " + i);
			this.processor.process(this.session, "/calc " + i + "+1");
		}
		this.processor.process(this.session, "/mode calc");
		for (int i = 0; i < 100; i++) {
			this.processor.process(this.session, i + "*2");
		}
		assertThat(this.link.lines).hasSize(301).doesNotContain("ERR slow down (max 20 chat lines per second)");
		assertThat(this.floods.get()).isZero();
	}

	static final class RecordingLink implements Responder {

		final List<String> lines = new ArrayList<>();

		final List<String> pushed = new ArrayList<>();

		String hangUp;

		@Override
		public void reply(String line) {
			this.lines.add(line);
		}

		@Override
		public void push(Line line) {
			this.pushed.add(line.text());
		}

		@Override
		public void later(CompletionStage<@Nullable String> answer) {
			String reply = answer.toCompletableFuture().join();
			if (reply != null) {
				this.lines.add(reply);
			}
		}

		@Override
		public void hangUp(String lastLine) {
			this.hangUp = lastLine;
		}

	}

}
