package io.tcpgateway.websocket;

import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import io.tcpgateway.chat.Line;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import org.junit.jupiter.api.Test;

import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketSession;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.willAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

/**
 * Tests for {@link WebSocketOutput}, with the container's sends completed and the closes
 * run when the test says.
 */
class WebSocketOutputTests {

	private static final Duration SEND_TIME_LIMIT = Duration.ofSeconds(2);

	private final WebSocketSession session = mock(WebSocketSession.class);

	private final Session container = mock(Session.class);

	private final RemoteEndpoint.Async remote = mock(RemoteEndpoint.Async.class);

	private final List<String> sent = new ArrayList<>();

	private final List<SendHandler> unfinished = new ArrayList<>();

	private final List<Runnable> starts = new ArrayList<>();

	private final List<Runnable> closes = new ArrayList<>();

	private final WebSocketOutput.Workers workers = new WebSocketOutput.Workers(this.starts::add,
			new SendWindow(8, Duration.ofMinutes(1).toNanos()), this.closes::add);

	private final AtomicInteger slow = new AtomicInteger();

	private final WebSocketOutput output = new WebSocketOutput(this.session, this.remote, this.workers,
			new WebSocketDoor.Settings(100, Duration.ZERO, 100, SEND_TIME_LIMIT), this.slow::incrementAndGet);

	WebSocketOutputTests() {
		willAnswer((invocation) -> {
			this.sent.add(invocation.getArgument(0));
			this.unfinished.add(invocation.getArgument(1));
			return null;
		}).given(this.remote).sendText(any(), any());
	}

	@Test
	void sendsEachLineAsOneMessageInOrderOneAtATimeFromTheSender() {
		this.output.send(Line.of("one"));
		this.output.send(Line.of("two"));
		assertThat(this.sent).isEmpty();
		runStarts();
		assertThat(this.sent).containsExactly("one");
		runStarts();
		assertThat(this.sent).containsExactly("one");
		finishSends();
		assertThat(this.sent).containsExactly("one", "two");
	}

	@Test
	void keepsLinesFromOtherThreadsBehindTheGreeting() {
		this.output.admitting();
		CompletableFuture.runAsync(() -> this.output.send(Line.of("! alarm"))).join();
		this.output.send(Line.of("greeting"));
		assertThat(this.sent).isEmpty();
		this.output.admitted();
		finishSends();
		assertThat(this.sent).containsExactly("greeting", "! alarm");
	}

	@Test
	void closesNormallyOnTheCloserOnceTheLastLineIsSent() throws Exception {
		this.output.closeAfter(Line.of("BYE"));
		this.output.send(Line.of("too late"));
		assertThat(this.closes).isEmpty();
		finishSends();
		runCloses();
		assertThat(this.sent).containsExactly("BYE");
		verify(this.session).close(CloseStatus.NORMAL);
	}

	@Test
	void reportsASlowConsumerOnTheCloserOnceMoreThanTheLimitIsUnsent() throws Exception {
		for (int i = 0; i < 4; i++) {
			this.output.send(Line.of("x".repeat(30)));
			runStarts();
		}
		assertThat(this.slow).hasValue(0);
		runCloses();
		assertThat(this.slow).hasValue(1);
		verify(this.session).close(WebSocketOutput.SLOW);
		finishSends();
		assertThat(this.sent).hasSize(1);
	}

	@Test
	void countsOnlyLinesNotYetSentAgainstTheLimit() throws Exception {
		for (int i = 0; i < 9; i++) {
			this.output.send(Line.of("x".repeat(30)));
			finishSends();
		}
		runCloses();
		assertThat(this.sent).hasSize(9);
		assertThat(this.slow).hasValue(0);
		verify(this.session, never()).close(any());
	}

	@Test
	void closesAsASlowConsumerWhenASendOutlastsTheSendTimeLimit() throws Exception {
		this.output.send(Line.of("stuck"));
		runStarts();
		this.output.checkSendTime(System.nanoTime());
		runCloses();
		assertThat(this.slow).hasValue(0);
		this.output.checkSendTime(System.nanoTime() + SEND_TIME_LIMIT.toNanos() + 1);
		runCloses();
		assertThat(this.slow).hasValue(1);
		verify(this.session).close(WebSocketOutput.SLOW);
	}

	@Test
	void closesAsASlowConsumerWhenTheContainerTimesTheSendOut() throws Exception {
		this.output.send(Line.of("stuck"));
		this.output.send(Line.of("never sent"));
		runStarts();
		this.unfinished.remove(0).onResult(new SendResult(this.container, new SocketTimeoutException()));
		runCloses();
		assertThat(this.slow).hasValue(1);
		verify(this.session).close(WebSocketOutput.SLOW);
		assertThat(this.sent).containsExactly("stuck");
	}

	@Test
	void stopsSendingOnceTheSessionHasClosed() {
		this.output.send(Line.of("one"));
		this.output.send(Line.of("two"));
		runStarts();
		this.output.closed();
		finishSends();
		assertThat(this.sent).containsExactly("one");
		assertThat(this.closes).isEmpty();
	}

	private void runStarts() {
		while (!this.starts.isEmpty()) {
			this.starts.remove(0).run();
		}
	}

	/**
	 * Starts and completes sends until none is left.
	 */
	private void finishSends() {
		runStarts();
		while (!this.unfinished.isEmpty()) {
			this.unfinished.remove(0).onResult(new SendResult(this.container));
			runStarts();
		}
	}

	private void runCloses() {
		while (!this.closes.isEmpty()) {
			this.closes.remove(0).run();
		}
	}

}
