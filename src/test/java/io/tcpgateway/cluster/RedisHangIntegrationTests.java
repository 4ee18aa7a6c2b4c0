package io.tcpgateway.cluster;

import java.io.IOException;
import java.time.Duration;

import io.tcpgateway.TestClient;
import io.tcpgateway.support.RedisServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A node on one event loop whose Redis hangs: a name change, a named client's disconnect
 * and a guest joining wait for Redis off the loop, so a bystander's echo and a chat line
 * between two members still answer at once; the name change is answered in order when
 * Redis answers, or refused when it does not answer in time.
 */
class RedisHangIntegrationTests {

	/** What a user sees as "at once", with room for a busy CI machine. */
	private static final Duration AT_ONCE = Duration.ofMillis(250);

	private RedisServer redis;

	private ClusterTestNode node;

	@BeforeEach
	void startNode() {
		this.redis = RedisServer.startOnFreePort();
	}

	@AfterEach
	void stop() throws IOException {
		if (this.redis.isRunning()) {
			this.redis.resume();
		}
		if (this.node != null) {
			this.node.close();
		}
		this.redis.close();
	}

	@Test
	void nothingWaitsForAHungRedisButTheNameChangeWhichIsAnsweredInOrderOnceItAnswers() throws Exception {
		this.node = ClusterTestNode.start("hang-1", this.redis.port(), "gateway.tcp.io-threads=1",
				"spring.data.redis.timeout=20s");
		TestClient bystander = this.node.client();
		TestClient ann = this.node.member("ann");
		TestClient bob = this.node.member("bob");
		assertThat(ann.readLine()).isEqualTo("* bob joined");
		TestClient dave = this.node.member("dave");
		skipNotices(ann, bob);
		TestClient carol = this.node.client();

		this.redis.pause();
		carol.send("/nick carol", "/echo after the name", "/nick");
		assertAnswersAtOnce(bystander, ann, bob);
		dave.close();
		assertThat(ann.readLine()).isEqualTo("* dave left");
		assertAnswersAtOnce(bystander, ann, bob);
		TestClient guest = this.node.client();
		long start = System.nanoTime();
		assertThat(guest.exchange("/mode chat")).startsWith("OK mode chat, you are guest");
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(AT_ONCE);
		assertThat(ann.readLine()).endsWith(" joined");
		assertAnswersAtOnce(bystander, ann, bob);

		this.redis.resume();
		assertThat(carol.readLine()).isEqualTo("OK nick carol");
		assertThat(carol.readLine()).isEqualTo("after the name");
		assertThat(carol.readLine()).isEqualTo("carol");
	}

	@Test
	void aNameChangeThatRedisDoesNotAnswerInTimeIsRefusedAndTheOldNameStays() throws Exception {
		this.node = ClusterTestNode.start("hang-2", this.redis.port(), "gateway.tcp.io-threads=1",
				"spring.data.redis.timeout=1s");
		TestClient bystander = this.node.client();
		TestClient carol = this.node.client();
		assertThat(carol.exchange("/nick carl")).isEqualTo("OK nick carl");

		RedisServer.call(this.redis.port(), "CLIENT", "PAUSE", "3000", "ALL");
		carol.send("/nick carol", "/nick");
		long start = System.nanoTime();
		assertThat(bystander.exchange("/echo still here")).isEqualTo("still here");
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(AT_ONCE);
		assertThat(carol.readLine()).isEqualTo("ERR name service unavailable, try again");
		assertThat(carol.readLine()).isEqualTo("carl");
	}

	private static void assertAnswersAtOnce(TestClient bystander, TestClient from, TestClient to) throws IOException {
		long start = System.nanoTime();
		assertThat(bystander.exchange("/echo ping")).isEqualTo("ping");
		assertThat(Duration.ofNanos(System.nanoTime() - start)).as("echo").isLessThan(AT_ONCE);
		start = System.nanoTime();
		from.send("hello");
		String heard = to.readLine();
		while (heard != null && heard.startsWith("* ")) {
			heard = to.readLine();
		}
		assertThat(heard).endsWith("> hello");
		assertThat(Duration.ofNanos(System.nanoTime() - start)).as("chat line").isLessThan(AT_ONCE);
	}

	private static void skipNotices(TestClient... clients) throws IOException {
		for (TestClient client : clients) {
			assertThat(client.readLine()).isEqualTo("* dave joined");
		}
	}

}
