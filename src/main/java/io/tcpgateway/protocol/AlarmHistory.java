package io.tcpgateway.protocol;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The last alarms this node delivered, oldest first, answered from memory so that
 * {@code /alarms} never waits for the network.
 */
public interface AlarmHistory {

	/** No alarms, ever. */
	AlarmHistory NONE = new AlarmHistory() {

		@Override
		public List<AlarmRecord> recent() {
			return List.of();
		}

		@Override
		public @Nullable List<AlarmRecord> since(String id) {
			return null;
		}

	};

	/**
	 * The alarms kept, oldest first.
	 * @return them
	 */
	List<AlarmRecord> recent();

	/**
	 * The alarms kept that came after one of them.
	 * @param id the id of a kept alarm
	 * @return those after it, oldest first, or {@code null} if no kept alarm has that id
	 */
	@Nullable List<AlarmRecord> since(String id);

}
