package io.tcpgateway.connection;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * Something that happened to the server or to one connection.
 *
 * @param at when it happened
 * @param type what happened
 * @param connectionId the connection, or {@code null} for server events
 * @param remoteAddress the client's address and port, or {@code null}
 * @param detail a short human-readable detail
 */
public record ConnectionEvent(Instant at, EventType type, @Nullable String connectionId, @Nullable String remoteAddress,
		String detail) {

}
