package io.tcpgateway.bench;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ChatPayloadTests {

	private final long[] fields = new long[3];

	@Test
	void carriesSenderSequenceAndSendTimeThenLettersAndCrlf() {
		byte[] line = new byte[64];
		ChatPayload.fill(line, 7, 123, 4_567_890_123L);
		String text = new String(line, StandardCharsets.US_ASCII);
		assertThat(text).startsWith("7.123.4567890123:").endsWith("\r\n").hasSize(64);
		assertThat(text.substring(17, 62)).matches("[a-z]+");
	}

	@Test
	void parsesWhatItFilledAfterTheNamePrefix() {
		byte[] line = new byte[48];
		ChatPayload.fill(line, 999, 1L << 40, Long.MAX_VALUE / 1000);
		byte[] received = ("<guest12> " + new String(line, 0, 46, StandardCharsets.US_ASCII))
			.getBytes(StandardCharsets.US_ASCII);
		assertThat(ChatPayload.parse(received, 10, received.length, this.fields)).isTrue();
		assertThat(this.fields).containsExactly(999, 1L << 40, Long.MAX_VALUE / 1000);
	}

	@Test
	void rejectsLinesWithoutTheThreeNumbers() {
		assertThat(parse("hello")).isFalse();
		assertThat(parse("1.2:abc")).isFalse();
		assertThat(parse("1.2.3")).isFalse();
		assertThat(parse("1..3:x")).isFalse();
		assertThat(parse("1.2.3:")).isTrue();
	}

	private boolean parse(String text) {
		byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
		return ChatPayload.parse(bytes, 0, bytes.length, this.fields);
	}

}
