package io.tcpgateway.tcp;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.integration.ip.tcp.serializer.SoftEndOfStreamException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Framing of client input: line endings, telnet negotiation and the length limit.
 */
class LineReaderTests {

	@Test
	void splitsOnLfAndDropsACrBeforeIt() throws IOException {
		LineReader reader = reader("one\r\ntwo\nthree\r\r\n", 100);
		assertThat(text(reader.readLine())).isEqualTo("one");
		assertThat(text(reader.readLine())).isEqualTo("two");
		assertThat(text(reader.readLine())).isEqualTo("three\r");
	}

	@Test
	void removesTelnetNegotiation() throws IOException {
		byte[] input = { (byte) 0xFF, (byte) 0xFD, 0x01, 'h', (byte) 0xFF, (byte) 0xF1, 'i', (byte) 0xFF, (byte) 0xFA,
				0x18, 0x01, '\n', (byte) 0xFF, (byte) 0xF0, '!', '\r', '\n' };
		LineReader reader = new LineReader(new ByteArrayInputStream(input), "id", 100, () -> {
		});
		assertThat(text(reader.readLine())).isEqualTo("hi!");
	}

	@Test
	void keepsTelnetStateAcrossReads() throws IOException {
		InputStream trickle = new ByteArrayInputStream(new byte[] { 'a', (byte) 0xFF, (byte) 0xFB, 0x03, 'b', '\n' }) {

			@Override
			public synchronized int read(byte[] b, int off, int len) {
				return super.read(b, off, Math.min(len, 1));
			}

		};
		assertThat(text(new LineReader(trickle, "id", 100, () -> {
		}).readLine())).isEqualTo("ab");
	}

	@Test
	void acceptsALineOfExactlyTheLimit() throws IOException {
		String line = "x".repeat(5000);
		assertThat(text(reader(line + "\r\n", 5000).readLine())).isEqualTo(line);
	}

	@ParameterizedTest
	@ValueSource(strings = { "\n", "\r\n", "" })
	void rejectsALineLongerThanTheLimitWithOrWithoutItsEnding(String ending) {
		LineReader reader = reader("x".repeat(5002) + ending, 5000);
		assertThatExceptionOfType(LineTooLongException.class).isThrownBy(reader::readLine)
			.satisfies((ex) -> assertThat(ex.connectionId()).isEqualTo("id"))
			.withMessage("line too long (max 5000 bytes)");
	}

	@Test
	void dropsALineCutOffByTheEndOfTheStream() throws IOException {
		LineReader reader = reader("whole\npartial", 100);
		assertThat(text(reader.readLine())).isEqualTo("whole");
		assertThatExceptionOfType(SoftEndOfStreamException.class).isThrownBy(reader::readLine);
	}

	@Test
	void returnsEveryLineOfOneReadAsOneBatch() throws IOException {
		LineReader reader = reader("a\nb\r\nc\npartial", 100);
		assertThat(reader.readLines()).extracting(LineReaderTests::text).containsExactly("a", "b", "c");
		assertThatExceptionOfType(SoftEndOfStreamException.class).isThrownBy(reader::readLines);
	}

	@Test
	void endsABatchBeforeALineThatIsTooLongAndReportsItNext() throws IOException {
		LineReader reader = reader("ok\n" + "x".repeat(11) + "\nnever\n", 10);
		assertThat(reader.readLines()).extracting(LineReaderTests::text).containsExactly("ok");
		assertThatExceptionOfType(LineTooLongException.class).isThrownBy(reader::readLines);
	}

	@Test
	void readsManyLinesAcrossBufferBoundaries() throws IOException {
		StringBuilder input = new StringBuilder();
		for (int i = 0; i < 2000; i++) {
			input.append("line number ").append(i).append('\n');
		}
		LineReader reader = reader(input.toString(), 8192);
		for (int i = 0; i < 2000; i++) {
			assertThat(text(reader.readLine())).isEqualTo("line number " + i);
		}
	}

	private static LineReader reader(String input, int max) {
		return new LineReader(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), "id", max, () -> {
		});
	}

	private static String text(byte[] line) {
		return new String(line, StandardCharsets.UTF_8);
	}

}
