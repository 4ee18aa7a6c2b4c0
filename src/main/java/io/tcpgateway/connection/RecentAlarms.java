package io.tcpgateway.connection;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import io.tcpgateway.protocol.AlarmHistory;
import io.tcpgateway.protocol.AlarmRecord;
import org.jspecify.annotations.Nullable;

/**
 * The last alarms this node delivered, in the order it delivered them, in memory.
 */
public final class RecentAlarms implements AlarmHistory {

	private final int capacity;

	private final Deque<AlarmRecord> kept = new ArrayDeque<>();

	public RecentAlarms(int capacity) {
		this.capacity = capacity;
	}

	/**
	 * Keeps an alarm as the newest, forgetting the oldest beyond the capacity.
	 * @param alarm the alarm
	 */
	public synchronized void add(AlarmRecord alarm) {
		this.kept.addLast(alarm);
		while (this.kept.size() > this.capacity) {
			this.kept.removeFirst();
		}
	}

	@Override
	public synchronized List<AlarmRecord> recent() {
		return List.copyOf(this.kept);
	}

	@Override
	public synchronized @Nullable List<AlarmRecord> since(String id) {
		List<AlarmRecord> after = new ArrayList<>();
		boolean found = false;
		for (AlarmRecord alarm : this.kept) {
			if (found) {
				after.add(alarm);
			}
			else {
				found = alarm.id().equals(id);
			}
		}
		return found ? after : null;
	}

}
