package io.tcpgateway.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.tcpgateway.chat.ChatRoom;
import io.tcpgateway.chat.Line;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Command parsing and modes, on plain objects.
 */
class LineProcessorTests {

	private final AtomicInteger errors = new AtomicInteger();

	private final ChatRoom room = new ChatRoom();

	private final LineProcessor processor = new LineProcessor(this.room, () -> 3, this.errors::incrementAndGet);

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
			.anyMatch((line) -> line.startsWith("/quit"));
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

	static final class RecordingLink implements Link {

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
		public void hangUp(String lastLine) {
			this.hangUp = lastLine;
		}

	}

}
