package io.tcpgateway.tcp;

import java.util.concurrent.Executor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.springframework.boot.system.JavaVersion;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * Threads for connections: virtual threads where the JVM has them (Java 21+), else pooled
 * platform threads that end soon after their connection does.
 */
final class ConnectionThreads {

	private ConnectionThreads() {
	}

	static Executor executor(String namePrefix) {
		if (JavaVersion.getJavaVersion().isEqualOrNewerThan(JavaVersion.TWENTY_ONE)) {
			SimpleAsyncTaskExecutor virtual = new SimpleAsyncTaskExecutor(namePrefix);
			virtual.setVirtualThreads(true);
			return virtual;
		}
		CustomizableThreadFactory platform = new CustomizableThreadFactory(namePrefix);
		platform.setDaemon(true);
		return new ThreadPoolExecutor(0, Integer.MAX_VALUE, 2, TimeUnit.SECONDS, new SynchronousQueue<>(), platform);
	}

}
