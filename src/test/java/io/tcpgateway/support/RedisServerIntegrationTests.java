package io.tcpgateway.support;

import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link RedisServer} against a real {@code redis-server}.
 */
class RedisServerIntegrationTests {

	@Test
	void answersPingThenRefusesWhenStoppedAndAnswersAgainOnTheSamePort() throws Exception {
		try (RedisServer redis = RedisServer.startOnFreePort()) {
			int port = redis.port();
			assertThat(redis.ping()).isEqualTo("PONG");

			redis.stop();
			assertThat(redis.isRunning()).isFalse();
			assertThatExceptionOfType(ConnectException.class).isThrownBy(() -> connect(port))
				.withMessageContaining("Connection refused");

			redis.start();
			assertThat(redis.port()).isEqualTo(port);
			assertThat(redis.ping()).isEqualTo("PONG");
		}
	}

	@Test
	void closeStopsTheServer() throws Exception {
		RedisServer redis = RedisServer.startOnFreePort();
		redis.close();
		assertThat(redis.isRunning()).isFalse();
		assertThatExceptionOfType(ConnectException.class).isThrownBy(() -> connect(redis.port()));
	}

	private static void connect(int port) throws Exception {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(RedisServer.HOST, port), 2000);
		}
	}

}
