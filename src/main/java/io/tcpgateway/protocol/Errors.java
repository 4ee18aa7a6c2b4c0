package io.tcpgateway.protocol;

/**
 * Where the protocol reports the errors it answers, so that they can be counted.
 */
public interface Errors {

	/**
	 * Called once for each {@code ERR} reply to a bad line.
	 */
	void protocolError();

	/**
	 * Called once for each chat line dropped because its sender was over the rate.
	 */
	void flood();

	/**
	 * Errors reported to two callbacks.
	 * @param protocolError called for each {@code ERR} reply
	 * @param flood called for each dropped chat line
	 * @return the errors
	 */
	static Errors of(Runnable protocolError, Runnable flood) {
		return new Errors() {

			@Override
			public void protocolError() {
				protocolError.run();
			}

			@Override
			public void flood() {
				flood.run();
			}

		};
	}

}
