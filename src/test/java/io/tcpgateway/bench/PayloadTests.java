package io.tcpgateway.bench;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PayloadTests {

	@Test
	void lineIsPrintableAndEndsWithCrlf() {
		byte[] line = new byte[64];
		Payload.fill(line, 7, 12345);
		String text = new String(line, StandardCharsets.US_ASCII);
		assertThat(text).startsWith("12345.7:").endsWith("\r\n");
		assertThat(text.substring(0, 62).chars()).allMatch((c) -> c > ' ' && c <= '~');
	}

	@Test
	void consecutiveLinesAndConnectionsDiffer() {
		Set<String> lines = new HashSet<>();
		for (int connection = 0; connection < 3; connection++) {
			for (long seq = 0; seq < 1000; seq++) {
				byte[] line = new byte[64];
				Payload.fill(line, connection, seq);
				lines.add(new String(line, StandardCharsets.US_ASCII));
			}
		}
		assertThat(lines).hasSize(3000);
	}

	@Test
	void shortLinesStillVaryWithTheSequence() {
		byte[] first = new byte[3];
		byte[] second = new byte[3];
		Payload.fill(first, 0, 1_000_000);
		Payload.fill(second, 0, 1_000_001);
		assertThat(first).isNotEqualTo(second);
		assertThat(first[0]).isBetween((byte) '!', (byte) '~');
		assertThat(new String(first, 1, 2, StandardCharsets.US_ASCII)).isEqualTo("\r\n");
	}

}
