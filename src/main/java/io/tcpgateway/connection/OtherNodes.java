package io.tcpgateway.connection;

/**
 * The other nodes of a cluster as one node sees them: how many are live and their open
 * connections; {@link #NONE} for a gateway that runs alone.
 */
public interface OtherNodes {

	/** No other nodes. */
	OtherNodes NONE = new OtherNodes() {

		@Override
		public int connections() {
			return 0;
		}

		@Override
		public int nodes() {
			return 0;
		}

	};

	/**
	 * The open connections on the other live nodes, as they last reported them.
	 * @return the count
	 */
	int connections();

	/**
	 * The other live nodes, as this node last heard from them.
	 * @return how many
	 */
	int nodes();

}
