package io.tcpgateway.tcp;

import java.nio.channels.ClosedChannelException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;

import javax.net.ssl.SSLPeerUnverifiedException;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.NotSslRecordException;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.ssl.SslHandshakeTimeoutException;
import io.tcpgateway.connection.EventLog;
import io.tcpgateway.connection.EventType;

/**
 * Follows the {@link SslHandler}: once the handshake completes it notes the subject of
 * the client's certificate, if any; when the handshake fails it records why, and the
 * connection never opens.
 */
final class TlsHandshakeHandler extends ChannelInboundHandlerAdapter {

	private final EventLog events;

	TlsHandshakeHandler(EventLog events) {
		this.events = events;
	}

	@Override
	public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
		if (event instanceof SslHandshakeCompletionEvent handshake) {
			if (handshake.isSuccess()) {
				noteCertificate(ctx);
			}
			else if (Origin.refuse(ctx.channel())) {
				this.events.record(EventType.HANDSHAKE_FAILED, null, Origin.remote(ctx.channel()),
						describe(handshake.cause()));
			}
		}
		ctx.fireUserEventTriggered(event);
	}

	private static void noteCertificate(ChannelHandlerContext ctx) {
		SslHandler ssl = ctx.pipeline().get(SslHandler.class);
		try {
			Certificate[] chain = ssl.engine().getSession().getPeerCertificates();
			if (chain.length > 0 && chain[0] instanceof X509Certificate certificate) {
				ctx.channel().attr(Origin.CERTIFICATE).set(certificate.getSubjectX500Principal().getName());
			}
		}
		catch (SSLPeerUnverifiedException ex) {
			// the client presented no certificate
		}
	}

	private static String describe(Throwable cause) {
		if (cause instanceof NotSslRecordException) {
			return "not a TLS client: plaintext on the TLS port";
		}
		if (cause instanceof SslHandshakeTimeoutException) {
			return "handshake not completed in time";
		}
		if (cause instanceof ClosedChannelException) {
			return "closed before the handshake completed";
		}
		return String.valueOf(cause.getMessage());
	}

}
