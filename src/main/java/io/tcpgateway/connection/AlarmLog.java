package io.tcpgateway.connection;

import io.tcpgateway.protocol.AlarmRecord;

/**
 * A log shared by every node of a cluster that an accepted alarm is appended to; each
 * node reads it and delivers each alarm to its own clients through
 * {@link Alarms#deliver}.
 */
public interface AlarmLog {

	/**
	 * Appends an alarm, waiting at most the log's own timeout.
	 * @param message the text, checked by {@link Alarms#invalid}
	 * @return the alarm with its id and time
	 * @throws AlarmRefusedException if the log did not take it; then nobody gets it
	 */
	AlarmRecord append(String message);

}
