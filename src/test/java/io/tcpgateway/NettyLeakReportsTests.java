package io.tcpgateway;

import java.time.Duration;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;

/**
 * The leak check itself: a buffer that is dropped without a release is reported.
 */
class NettyLeakReportsTests {

	@Test
	void reportsABufferThatWasNeverReleased() {
		leak();
		NettyLeakReports reports = new NettyLeakReports();
		await().atMost(Duration.ofSeconds(20)).until(() -> {
			try {
				reports.afterAll(null);
				return false;
			}
			catch (AssertionError expected) {
				return true;
			}
		});
	}

	private static void leak() {
		ByteBuf leaked = PooledByteBufAllocator.DEFAULT.buffer(64);
		leaked.writeLong(42);
	}

}
