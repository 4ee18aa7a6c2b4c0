package io.tcpgateway;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fails a test class when Netty's leak detector reported a buffer that was never
 * released; registered for every test class through JUnit's extension autodetection.
 */
public final class NettyLeakReports implements AfterAllCallback {

	private static final List<String> reports = new ArrayList<>();

	static {
		// The buffers' own detector, whose listener hears every leak whatever the logging
		// set-up; Spring Boot resets logback when a test context starts.
		try {
			Field detector = Class.forName("io.netty.buffer.AbstractByteBuf").getDeclaredField("leakDetector");
			detector.setAccessible(true);
			((ResourceLeakDetector<?>) detector.get(null)).setLeakListener((type, records) -> {
				synchronized (reports) {
					reports.add(type + ": " + records);
				}
			});
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException("cannot listen to Netty's leak detector", ex);
		}
	}

	@Override
	public void afterAll(ExtensionContext context) {
		// The detector reports what the collector found the next time it tracks a buffer.
		System.gc();
		for (int i = 0; i < 64; i++) {
			ByteBuf probe = PooledByteBufAllocator.DEFAULT.buffer(16);
			probe.release();
		}
		List<String> found;
		synchronized (reports) {
			found = List.copyOf(reports);
			reports.clear();
		}
		assertThat(found).as("Netty leak reports").isEmpty();
	}

}
