package io.tcpgateway.tcp;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReference;

import javax.net.ssl.SSLException;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import io.tcpgateway.settings.GatewayProperties;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.ssl.SslOptions;

/**
 * The TLS listener's Netty {@link SslContext}, built from a Spring Boot SSL bundle and
 * rebuilt when the bundle reloads, so that new connections get a renewed certificate and
 * open ones keep theirs.
 */
final class TlsContext {

	/**
	 * BoringSSL through netty-tcnative where its native library loads, else the JDK's
	 * TLS: measured on this project's machine, BoringSSL did 2.7 to 7.6 times the
	 * handshakes a second (see README, "TLS").
	 */
	static final SslProvider PROVIDER = OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK;

	private static final Log logger = LogFactory.getLog(TlsContext.class);

	private final AtomicReference<SslContext> current;

	private final GatewayProperties.ClientAuth clientAuth;

	private final long handshakeTimeoutMillis;

	private TlsContext(SslContext initial, GatewayProperties.ClientAuth clientAuth, Duration handshakeTimeout) {
		this.current = new AtomicReference<>(initial);
		this.clientAuth = clientAuth;
		this.handshakeTimeoutMillis = handshakeTimeout.toMillis();
	}

	/**
	 * Builds the context from the named bundle and follows its reloads.
	 * @param bundles the application's SSL bundles
	 * @param tls the TLS settings
	 * @return the context
	 */
	static TlsContext of(SslBundles bundles, GatewayProperties.Tls tls) {
		TlsContext context = new TlsContext(build(bundles.getBundle(tls.bundle()), tls.clientAuth()), tls.clientAuth(),
				tls.handshakeTimeout());
		bundles.addBundleUpdateHandler(tls.bundle(), context::reload);
		logger.info(
				"TLS by " + PROVIDER + ((PROVIDER == SslProvider.OPENSSL) ? " (" + OpenSsl.versionString() + ")" : ""));
		return context;
	}

	private void reload(SslBundle bundle) {
		this.current.set(build(bundle, this.clientAuth));
		logger.info("TLS bundle reloaded; new connections use its certificate");
	}

	/**
	 * A handler for one new connection, with the handshake deadline.
	 * @param allocator the channel's allocator
	 * @return the handler
	 */
	SslHandler newHandler(ByteBufAllocator allocator) {
		SslHandler handler = this.current.get().newHandler(allocator);
		handler.setHandshakeTimeoutMillis(this.handshakeTimeoutMillis);
		return handler;
	}

	static SslContext build(SslBundle bundle, GatewayProperties.ClientAuth clientAuth) {
		SslOptions options = bundle.getOptions();
		try {
			return SslContextBuilder.forServer(bundle.getManagers().getKeyManagerFactory())
				.trustManager(bundle.getManagers().getTrustManagerFactory())
				.clientAuth(switch (clientAuth) {
					case NONE -> ClientAuth.NONE;
					case WANT -> ClientAuth.OPTIONAL;
					case NEED -> ClientAuth.REQUIRE;
				})
				.protocols(options.getEnabledProtocols())
				.ciphers((options.getCiphers() != null) ? Arrays.asList(options.getCiphers()) : null)
				.sslProvider(PROVIDER)
				.build();
		}
		catch (SSLException ex) {
			throw new IllegalStateException("cannot build TLS from SSL bundle: " + ex.getMessage(), ex);
		}
	}

}
