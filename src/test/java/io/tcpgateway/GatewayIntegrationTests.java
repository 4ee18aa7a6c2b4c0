package io.tcpgateway;

import java.io.IOException;

import io.tcpgateway.connection.ConnectionRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;
import org.springframework.integration.ip.util.TestingUtilities;

/**
 * Base of the tests that talk to a running gateway over real sockets: finds the bound TCP
 * port before each test and checks afterwards that the server is healthy, with nothing
 * left open and no threads leaked.
 */
public abstract class GatewayIntegrationTests {

	@Autowired
	protected AbstractServerConnectionFactory server;

	@Autowired
	protected ConnectionRegistry registry;

	protected int port;

	private int threadsBefore;

	@BeforeEach
	void findPort() {
		TestingUtilities.waitListening(this.server, 10_000L);
		this.port = this.server.getPort();
		this.threadsBefore = ServerChecks.liveThreads();
	}

	@AfterEach
	void serverIsHealthy() throws IOException {
		ServerChecks.assertHealthy(this.port, this.registry, this.threadsBefore);
	}

}
