package io.tcpgateway.bench;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class BenchOptionsTests {

	@Test
	void defaultsWhenNoArguments() {
		BenchOptions options = BenchOptions.parse();
		assertThat(options).isEqualTo(new BenchOptions("localhost", 8080, 100, Duration.ofSeconds(10), 64, 1,
				Duration.ofSeconds(2), false, Duration.ofSeconds(10), List.of(), false));
	}

	@Test
	void parsesEveryOption() {
		BenchOptions options = BenchOptions.parse("--host=127.0.0.1", "--port=9000", "--connections=1000",
				"--duration=1m", "--size=128", "--pipeline=16", "--warmup=500ms", "--idle", "--hold=30s", "--sources=2",
				"--help");
		assertThat(options).isEqualTo(new BenchOptions("127.0.0.1", 9000, 1000, Duration.ofMinutes(1), 128, 16,
				Duration.ofMillis(500), true, Duration.ofSeconds(30), List.of("127.0.0.1", "127.0.0.2"), true));
	}

	@Test
	void sourcesCountsLoopbackAddressesFromOne() {
		assertThat(BenchOptions.parse("--sources=4").sources()).containsExactly("127.0.0.1", "127.0.0.2", "127.0.0.3",
				"127.0.0.4");
	}

	@Test
	void sourceListsTheAddresses() {
		assertThat(BenchOptions.parse("--source=127.0.0.5,::1").sources()).containsExactly("127.0.0.5", "::1");
	}

	@Test
	void rejectsSourcesOutOfRangeOrEmpty() {
		assertThatIllegalArgumentException().isThrownBy(() -> BenchOptions.parse("--sources=0"))
			.withMessageContaining("--sources must be between 1 and 254");
		assertThatIllegalArgumentException().isThrownBy(() -> BenchOptions.parse("--sources=255"));
		assertThatIllegalArgumentException().isThrownBy(() -> BenchOptions.parse("--source=127.0.0.1,"))
			.withMessageContaining("empty address");
		assertThatIllegalArgumentException().isThrownBy(() -> BenchOptions.parse("--source"))
			.withMessageContaining("--source needs a value");
	}

	@Test
	void laterOptionWins() {
		assertThat(BenchOptions.parse("--port=1", "--port=2").port()).isEqualTo(2);
	}

	@Test
	void tlsIsAFlagThatIsOffByDefault() {
		assertThat(BenchOptions.parse().tls()).isFalse();
		assertThat(BenchOptions.parse("--tls", "--port=8443").tls()).isTrue();
		assertThatIllegalArgumentException().isThrownBy(() -> BenchOptions.parse("--tls=yes"));
	}

	@Test
	void fanOutIsOffByDefault() {
		assertThat(BenchOptions.parse().fanOut()).isEqualTo(FanOutOptions.NONE);
		assertThat(FanOutOptions.NONE.mode()).isEqualTo(FanOutOptions.Mode.NONE);
	}

	@Test
	void parsesTheChatOptions() {
		BenchOptions options = BenchOptions.parse("--chat", "--connections=1000", "--senders=10", "--rate=100",
				"--window=8");
		assertThat(options.fanOut())
			.isEqualTo(new FanOutOptions(FanOutOptions.Mode.CHAT, 10, 100, 8, 8081, "admin", "", 5));
	}

	@Test
	void parsesTheAlarmOptions() {
		BenchOptions options = BenchOptions.parse("--alarm", "--connections=10000", "--http-port=9081", "--user=ops",
				"--password=s3cret", "--rounds=7");
		assertThat(options.fanOut())
			.isEqualTo(new FanOutOptions(FanOutOptions.Mode.ALARM, 1, 0, 2, 9081, "ops", "s3cret", 7));
	}

	@Test
	void rejectsChatAndAlarmTogether() {
		assertThatIllegalArgumentException().isThrownBy(() -> BenchOptions.parse("--chat", "--alarm"))
			.withMessageContaining("--chat and --alarm exclude each other");
	}

	@Test
	void rejectsFanOutWithIdleOrTls() {
		assertThatIllegalArgumentException().isThrownBy(() -> BenchOptions.parse("--chat", "--idle"))
			.withMessageContaining("--idle and --chat exclude each other");
		assertThatIllegalArgumentException().isThrownBy(() -> BenchOptions.parse("--alarm", "--tls"))
			.withMessageContaining("--tls is not supported with --alarm");
	}

	@Test
	void rejectsChatOptionsThatCannotWork() {
		assertThatIllegalArgumentException().isThrownBy(() -> BenchOptions.parse("--chat", "--connections=1"))
			.withMessageContaining("at least 2 connections");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> BenchOptions.parse("--chat", "--connections=4", "--senders=5"))
			.withMessageContaining("--senders must not exceed --connections");
		assertThatIllegalArgumentException().isThrownBy(() -> BenchOptions.parse("--chat", "--size=32"))
			.withMessageContaining("--size must be at least 48 with --chat");
		assertThatIllegalArgumentException().isThrownBy(() -> BenchOptions.parse("--chat", "--rate=-1"));
		assertThatIllegalArgumentException().isThrownBy(() -> BenchOptions.parse("--chat", "--window=0"));
		assertThatIllegalArgumentException().isThrownBy(() -> BenchOptions.parse("--alarm", "--rounds=0"));
	}

	@Test
	void chatOptionsWithoutChatAreCheckedButHarmless() {
		assertThat(BenchOptions.parse("--senders=200").fanOut().mode()).isEqualTo(FanOutOptions.Mode.NONE);
	}

	@Test
	void shortHelp() {
		assertThat(BenchOptions.parse("-h").help()).isTrue();
	}

	@Test
	void rejectsUnknownOption() {
		assertThatIllegalArgumentException().isThrownBy(() -> BenchOptions.parse("--threads=4"))
			.withMessageContaining("unknown option: --threads=4");
	}

	@Test
	void rejectsPositionalArgument() {
		assertThatIllegalArgumentException().isThrownBy(() -> BenchOptions.parse("localhost"))
			.withMessageContaining("unexpected argument");
	}

	@Test
	void rejectsMissingValue() {
		assertThatIllegalArgumentException().isThrownBy(() -> BenchOptions.parse("--port"))
			.withMessageContaining("--port needs a value");
	}

	@Test
	void rejectsValueOnFlag() {
		assertThatIllegalArgumentException().isThrownBy(() -> BenchOptions.parse("--idle=true"))
			.withMessageContaining("--idle takes no value");
	}

	@Test
	void rejectsNonNumericValue() {
		assertThatIllegalArgumentException().isThrownBy(() -> BenchOptions.parse("--connections=lots"))
			.withMessageContaining("--connections is not a number");
	}

	@Test
	void rejectsOutOfRangeValues() {
		assertThatIllegalArgumentException().isThrownBy(() -> BenchOptions.parse("--port=70000"));
		assertThatIllegalArgumentException().isThrownBy(() -> BenchOptions.parse("--connections=0"));
		assertThatIllegalArgumentException().isThrownBy(() -> BenchOptions.parse("--size=2"));
		assertThatIllegalArgumentException().isThrownBy(() -> BenchOptions.parse("--pipeline=0"));
		assertThatIllegalArgumentException().isThrownBy(() -> BenchOptions.parse("--duration=0s"));
	}

	@Test
	void zeroWarmupIsAllowed() {
		assertThat(BenchOptions.parse("--warmup=0s").warmup()).isZero();
	}

	@Test
	void rejectsBadDurationNamingTheOption() {
		assertThatIllegalArgumentException().isThrownBy(() -> BenchOptions.parse("--warmup=soon"))
			.withMessageContaining("--warmup")
			.withMessageContaining("invalid duration 'soon'");
	}

}
