package io.tcpgateway.connection;

/**
 * The other nodes of a cluster as one node sees them: their open connections, and a way
 * to send them an alarm; {@link #NONE} for a gateway that runs alone.
 */
public interface OtherNodes {

	/** No other nodes. */
	OtherNodes NONE = new OtherNodes() {

		@Override
		public int connections() {
			return 0;
		}

		@Override
		public int alarm(String line) {
			return 0;
		}

	};

	/**
	 * The open connections on the other live nodes, as they last reported them.
	 * @return the count
	 */
	int connections();

	/**
	 * Sends an alarm line to every client of the other nodes.
	 * @param line the line
	 * @return how many other nodes took it
	 */
	int alarm(String line);

}
