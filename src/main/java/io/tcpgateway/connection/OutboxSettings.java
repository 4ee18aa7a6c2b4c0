package io.tcpgateway.connection;

import java.util.concurrent.Executor;

/**
 * What every outbox shares: the executor that writes queued lines and the bound on
 * pending output.
 *
 * @param executor runs the tasks that write queued lines
 * @param maxPendingBytes the most bytes queued per connection before it is closed
 */
public record OutboxSettings(Executor executor, long maxPendingBytes) {

}
