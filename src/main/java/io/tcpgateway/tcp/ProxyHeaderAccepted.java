package io.tcpgateway.tcp;

/**
 * The user event fired down the pipeline once a channel's PROXY protocol header has been
 * read and believed.
 */
enum ProxyHeaderAccepted {

	INSTANCE

}
