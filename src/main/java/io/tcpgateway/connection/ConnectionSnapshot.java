package io.tcpgateway.connection;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * What the connection list shows for one open connection.
 *
 * @param id the connection id
 * @param transport the door it came through: {@code tcp}, {@code tls} or
 * {@code websocket}
 * @param remoteAddress the client's address
 * @param remotePort the client's port
 * @param proxy the proxy it came through, as {@code address:port}, if any
 * @param openedAt when it connected
 * @param mode its protocol mode
 * @param nick its chat name, if it has one
 * @param linesIn lines received
 * @param linesOut lines sent
 * @param bytesIn bytes received, line endings included
 * @param bytesOut bytes sent, line endings included
 * @param lastActivityAt when a line last went either way
 * @param clientCertificate the subject of the client's TLS certificate, if it presented
 * one
 */
public record ConnectionSnapshot(String id, String transport, String remoteAddress, int remotePort,
		@Nullable String proxy, Instant openedAt, String mode, @Nullable String nick, long linesIn, long linesOut,
		long bytesIn, long bytesOut, Instant lastActivityAt, @Nullable String clientCertificate) {

}
