package io.tcpgateway.connection;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The per-connection output queue, on plain objects: who writes, in what order, and when
 * it closes.
 */
class OutboxTests {

	private final RecordingTransport transport = new RecordingTransport();

	private final Queue<Runnable> tasks = new ArrayDeque<>();

	private final Outbox outbox = new Outbox(this.transport, this.tasks::add, 10);

	@Test
	void writesRepliesInlineOnTheCallersThread() {
		this.outbox.reply("a");
		this.outbox.reply("b");
		assertThat(this.transport.written).containsExactly("a", "b");
		assertThat(this.tasks).isEmpty();
	}

	@Test
	void queuesLinesFromOtherThreadsForAWriterTask() {
		this.outbox.push("a");
		this.outbox.push("b");
		assertThat(this.transport.written).isEmpty();
		assertThat(this.tasks).hasSize(1);
		this.tasks.remove().run();
		assertThat(this.transport.written).containsExactly("a\r\nb");
	}

	@Test
	void keepsOrderWhenRepliesArriveWhileAWriterIsPending() {
		this.outbox.push("push");
		this.outbox.reply("reply");
		assertThat(this.transport.written).isEmpty();
		this.tasks.remove().run();
		assertThat(this.transport.written).containsExactly("push\r\nreply");
	}

	@Test
	void closesAClientThatLetsTooMuchOutputPileUp() {
		this.outbox.push("12345");
		this.outbox.push("12345");
		assertThat(this.transport.overflowed).isFalse();
		this.outbox.push("x");
		assertThat(this.transport.overflowed).isTrue();
		assertThat(this.tasks).hasSize(1);
		this.tasks.remove().run();
		assertThat(this.transport.written).isEmpty();
	}

	@Test
	void writesTheLastLineThenClosesAndIgnoresWhatFollows() {
		this.outbox.push("before");
		this.outbox.closeAfter("bye", CloseReason.KICKED, false);
		this.outbox.push("after");
		this.tasks.remove().run();
		assertThat(this.transport.written).containsExactly("before\r\nbye");
		assertThat(this.transport.closed).containsExactly(CloseReason.KICKED);
		this.outbox.reply("too late");
		assertThat(this.transport.written).containsExactly("before\r\nbye");
	}

	@Test
	void holdsRepliesDuringABatchAndWritesThemTogether() {
		this.outbox.hold();
		this.outbox.reply("1");
		this.outbox.reply("2");
		assertThat(this.transport.written).isEmpty();
		this.outbox.release();
		assertThat(this.transport.written).containsExactly("1\r\n2");
		this.outbox.reply("3");
		assertThat(this.transport.written).containsExactly("1\r\n2", "3");
	}

	@Test
	void dropsEverythingOnceTheConnectionIsGone() {
		this.transport.broken = true;
		this.outbox.reply("lost");
		this.outbox.reply("never tried");
		assertThat(this.transport.written).containsExactly("lost");
	}

	static final class RecordingTransport implements Outbox.Transport {

		final List<String> written = new ArrayList<>();

		final List<CloseReason> closed = new ArrayList<>();

		boolean overflowed;

		boolean broken;

		@Override
		public boolean write(byte[] chunk, int lines) {
			String text = new String(chunk, StandardCharsets.UTF_8);
			assertThat(text.split("\r\n", -1)).hasSize(lines);
			this.written.add(text);
			return !this.broken;
		}

		@Override
		public void close(CloseReason reason) {
			this.closed.add(reason);
		}

		@Override
		public void overflow() {
			this.overflowed = true;
		}

	}

}
