package io.tcpgateway.websocket;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SendWindow}.
 */
class SendWindowTests {

	private static final Duration LONG = Duration.ofMinutes(1);

	@Test
	void holdsASendBackWhileTheWindowIsFullUntilOneCompletes() throws Exception {
		SendWindow window = new SendWindow(2, LONG.toNanos());
		SendWindow.Slot first = window.take();
		window.take();
		CompletableFuture<SendWindow.Slot> third = CompletableFuture.supplyAsync(window::take);
		assertThat(third).failsWithin(Duration.ofMillis(200));
		first.completed();
		assertThat(third.get(10, TimeUnit.SECONDS)).isNotNull();
	}

	@Test
	void takesTheSendsStartedBeforeACompletedOneForStalled() {
		SendWindow window = new SendWindow(2, LONG.toNanos());
		window.take();
		window.take().completed();
		assertThat(CompletableFuture.supplyAsync(() -> {
			window.take();
			return window.take();
		})).succeedsWithin(Duration.ofSeconds(10));
	}

	@Test
	void givesAPlaceBackForASendThatDidNotStart() {
		SendWindow window = new SendWindow(1, LONG.toNanos());
		window.take().cancelled();
		assertThat(CompletableFuture.supplyAsync(window::take)).succeedsWithin(Duration.ofSeconds(10));
	}

	@Test
	void takesThemAllForStalledWhenNoSendCompletesForThePatience() {
		SendWindow window = new SendWindow(2, Duration.ofMillis(50).toNanos());
		window.take();
		window.take();
		long start = System.nanoTime();
		window.take();
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(40));
		assertThat(CompletableFuture.supplyAsync(window::take)).succeedsWithin(Duration.ofSeconds(10));
	}

}
