package io.tcpgateway.tcp;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.tcpgateway.settings.GatewayProperties;
import io.tcpgateway.connection.ConnectionRegistry;
import io.tcpgateway.connection.EventLog;
import io.tcpgateway.connection.EventType;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.integration.ip.tcp.connection.TcpConnectionServerExceptionEvent;
import org.springframework.integration.ip.tcp.connection.TcpConnectionServerListeningEvent;

/**
 * Starts after the inbound adapter and stops before it and the web server: startup fails
 * unless the TCP server is listening, and shutdown stops accepting, then says goodbye to
 * every client of both doors before the sockets go.
 */
final class TcpServerLifecycle implements SmartLifecycle {

	/** The phase of Spring Integration's message producers, the inbound adapter's. */
	static final int ADAPTER_PHASE = Integer.MAX_VALUE / 2;

	/**
	 * After the adapters' phase and above the web server's graceful shutdown, so this
	 * starts later than both and stops first: browsers hear the goodbye too, before the
	 * web server drops them.
	 */
	static final int PHASE = Integer.MAX_VALUE - 512;

	private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(30);

	private final NettyServerConnectionFactory server;

	private final ConnectionRegistry registry;

	private final EventLog events;

	private final GatewayProperties properties;

	private final Duration drainTimeout;

	private volatile CountDownLatch bound = new CountDownLatch(1);

	private volatile @Nullable Throwable bindFailure;

	private volatile boolean running;

	TcpServerLifecycle(NettyServerConnectionFactory server, ConnectionRegistry registry, EventLog events,
			GatewayProperties properties, Duration shutdownTimeout) {
		this.server = server;
		this.registry = registry;
		this.events = events;
		this.properties = properties;
		this.drainTimeout = shutdownTimeout.minusSeconds(1).isNegative() ? shutdownTimeout
				: shutdownTimeout.minusSeconds(1);
	}

	@EventListener
	void listening(TcpConnectionServerListeningEvent event) {
		this.events.record(EventType.SERVER_LISTENING, null, null, "TCP server listening on port " + event.getPort());
		if (this.server.getTlsPort() > 0) {
			this.events.record(EventType.SERVER_LISTENING, null, null,
					"TLS server listening on port " + this.server.getTlsPort());
		}
		this.bound.countDown();
	}

	@EventListener
	void serverFailed(TcpConnectionServerExceptionEvent event) {
		this.bindFailure = event.getCause();
		this.events.record(EventType.ERROR, null, null, "TCP server failed: " + event.getCause().getMessage());
		this.bound.countDown();
	}

	@Override
	public void start() {
		try {
			if (!this.bound.await(STARTUP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
				throw new TcpPortUnavailableException(this.properties.tcp().port(), "timed out waiting to listen");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new TcpPortUnavailableException(this.properties.tcp().port(), "interrupted");
		}
		Throwable failure = this.bindFailure;
		if (failure != null || !this.server.isListening()) {
			throw new TcpPortUnavailableException(this.properties.tcp().port(),
					(failure != null) ? String.valueOf(failure.getMessage()) : "not listening");
		}
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		this.server.beforeShutdown();
		// Every door at once, within one budget: TCP clients and browsers alike.
		this.registry.sayGoodbye(this.properties.shutdownMessage(), (connection) -> true, "connection(s)",
				this.drainTimeout);
		this.events.record(EventType.SERVER_STOPPED, null, null, "TCP server stopped");
		// a stopped context may be started again, as the test context cache does
		this.bindFailure = null;
		this.bound = new CountDownLatch(1);
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

}
