package io.tcpgateway.websocket;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

import io.tcpgateway.chat.Line;
import org.junit.jupiter.api.Test;

import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.willAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

/**
 * Tests for {@link WebSocketOutput}, with the writes run when the test says.
 */
class WebSocketOutputTests {

	private final WebSocketSession session = mock(WebSocketSession.class);

	private final List<String> written = new ArrayList<>();

	private final List<Runnable> tasks = new ArrayList<>();

	private final Executor writer = this.tasks::add;

	private final AtomicInteger slow = new AtomicInteger();

	private final WebSocketOutput output = new WebSocketOutput(this.session, this.writer, 100,
			this.slow::incrementAndGet);

	WebSocketOutputTests() throws Exception {
		given(this.session.isOpen()).willReturn(true);
		willAnswer((invocation) -> this.written.add(((TextMessage) invocation.getArgument(0)).getPayload()))
			.given(this.session)
			.sendMessage(any());
	}

	@Test
	void writesEachLineAsOneMessageInOrderOnTheWriter() {
		this.output.send(Line.of("one"));
		this.output.send(Line.of("two"));
		assertThat(this.written).isEmpty();
		runTasks();
		assertThat(this.written).containsExactly("one", "two");
	}

	@Test
	void keepsLinesFromOtherThreadsBehindTheGreeting() {
		this.output.admitting();
		CompletableFuture.runAsync(() -> this.output.send(Line.of("! alarm"))).join();
		this.output.send(Line.of("greeting"));
		this.output.admitted();
		runTasks();
		assertThat(this.written).containsExactly("greeting", "! alarm");
	}

	@Test
	void closesNormallyAfterTheLastLine() throws Exception {
		this.output.closeAfter(Line.of("BYE"));
		this.output.send(Line.of("too late"));
		runTasks();
		assertThat(this.written).containsExactly("BYE");
		verify(this.session).close(CloseStatus.NORMAL);
	}

	@Test
	void reportsASlowConsumerOnceMoreThanTheLimitIsPending() throws Exception {
		for (int i = 0; i < 4; i++) {
			this.output.send(Line.of("x".repeat(30)));
		}
		assertThat(this.slow).hasValue(1);
		runTasks();
		assertThat(this.written).isEmpty();
		verify(this.session).close(WebSocketOutput.SLOW);
		verify(this.session, never()).sendMessage(any());
	}

	private void runTasks() {
		while (!this.tasks.isEmpty()) {
			this.tasks.remove(0).run();
		}
	}

}
