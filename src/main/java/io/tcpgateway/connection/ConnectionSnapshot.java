package io.tcpgateway.connection;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * What the connection list shows for one open connection.
 *
 * @param id the connection id
 * @param remoteAddress the client's address
 * @param remotePort the client's port
 * @param openedAt when it connected
 * @param mode its protocol mode
 * @param nick its chat name, if it has one
 * @param linesIn lines received
 * @param linesOut lines sent
 * @param bytesIn bytes received, line endings included
 * @param bytesOut bytes sent, line endings included
 * @param lastActivityAt when a line last went either way
 */
public record ConnectionSnapshot(String id, String remoteAddress, int remotePort, Instant openedAt, String mode,
		@Nullable String nick, long linesIn, long linesOut, long bytesIn, long bytesOut, Instant lastActivityAt) {

}
