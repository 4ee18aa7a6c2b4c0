package io.tcpgateway.websocket;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link MessageLines}.
 */
class MessageLinesTests {

	private final MessageLines lines = new MessageLines(10);

	@Test
	void readsAMessageWithoutAnEndingAsOneLine() {
		assertThat(this.lines.feed("hello", true)).isEqualTo(new MessageLines.Batch(List.of("hello"), 5, false));
	}

	@Test
	void endsLinesAtLfAndDropsACrBeforeIt() {
		MessageLines.Batch batch = this.lines.feed("a\r\nb\nc\r", true);
		assertThat(batch.lines()).containsExactly("a", "b", "c");
		assertThat(batch.bytes()).isEqualTo("a\r\nb\nc\r".length());
	}

	@Test
	void keepsBlankLinesForTheProtocolToIgnore() {
		assertThat(this.lines.feed("\n\nx\n", true).lines()).containsExactly("", "", "x");
	}

	@Test
	void readsNothingFromAnEmptyMessage() {
		assertThat(this.lines.feed("", true).lines()).isEmpty();
	}

	@Test
	void joinsThePartsOfOneMessageButNeverTwoMessages() {
		assertThat(this.lines.feed("ab", false).lines()).isEmpty();
		assertThat(this.lines.feed("cd\nef", false).lines()).containsExactly("abcd");
		assertThat(this.lines.feed("g", true).lines()).containsExactly("efg");
		assertThat(this.lines.feed("h", true).lines()).containsExactly("h");
	}

	@Test
	void acceptsALineOfExactlyTheLimitWithACr() {
		assertThat(this.lines.feed("0123456789\r\n", true).lines()).containsExactly("0123456789");
	}

	@Test
	void stopsAtALineLongerThanTheLimitAfterTheLinesBeforeIt() {
		MessageLines.Batch batch = this.lines.feed("ok\n01234567890\nlost", true);
		assertThat(batch.lines()).containsExactly("ok");
		assertThat(batch.tooLong()).isTrue();
		assertThat(this.lines.feed("more", true)).isEqualTo(new MessageLines.Batch(List.of(), 0, true));
	}

	@Test
	void countsTheLimitInUtf8Bytes() {
		// five two-byte characters fit, six do not; an emoji is four bytes
		assertThat(new MessageLines(10).feed("ééééé", true).lines()).containsExactly("ééééé");
		assertThat(new MessageLines(10).feed("éééééé", true).tooLong()).isTrue();
		assertThat(new MessageLines(10).feed("\uD83D\uDE00\uD83D\uDE00ab", true).lines()).hasSize(1);
		assertThat(new MessageLines(10).feed("\uD83D\uDE00\uD83D\uDE00abc", true).tooLong()).isTrue();
	}

	@Test
	void stopsAnEndlessLineBeforeItEnds() {
		assertThat(this.lines.feed("x".repeat(12), false).tooLong()).isTrue();
	}

}
