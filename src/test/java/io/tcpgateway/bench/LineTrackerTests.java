package io.tcpgateway.bench;

import java.net.ProtocolException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class LineTrackerTests {

	private final LatencyHistogram latencies = new LatencyHistogram();

	private final LineTracker tracker = new LineTracker(1, 16, 2, this.latencies);

	@Test
	void skipsGreetingThenMatchesEchoesInOrder() throws Exception {
		byte[] first = sent(1_000);
		byte[] second = sent(3_000);
		assertThat(this.tracker.consume(buffer("Mensagem do servidor!\r\n".getBytes()), 5_000)).isZero();
		assertThat(this.tracker.greeted()).isTrue();
		assertThat(this.tracker.consume(buffer(first, second), 11_000)).isEqualTo(2);
		assertThat(this.tracker.inFlight()).isZero();
		assertThat(this.latencies.count()).isEqualTo(2);
		assertThat(this.latencies.max()).isEqualTo(10);
	}

	@Test
	void acceptsRepliesSplitAcrossReads() throws Exception {
		byte[] line = sent(0);
		this.tracker.consume(buffer("hi\n".getBytes()), 0);
		assertThat(this.tracker.consume(ByteBuffer.wrap(line, 0, 5), 0)).isZero();
		assertThat(this.tracker.consume(ByteBuffer.wrap(line, 5, 11), 0)).isEqualTo(1);
	}

	@Test
	void rejectsMisorderedEcho() throws Exception {
		byte[] first = sent(0);
		byte[] second = sent(0);
		this.tracker.consume(buffer("hi\n".getBytes()), 0);
		assertThatExceptionOfType(ProtocolException.class)
			.isThrownBy(() -> this.tracker.consume(buffer(second, first), 0))
			.withMessageContaining("reply to line 0 differs");
	}

	@Test
	void rejectsBareLfTerminator() throws Exception {
		byte[] line = sent(0);
		line[14] = '\n';
		this.tracker.consume(buffer("hi\n".getBytes()), 0);
		assertThatExceptionOfType(ProtocolException.class)
			.isThrownBy(() -> this.tracker.consume(ByteBuffer.wrap(line, 0, 15), 0))
			.withMessageContaining("expected 0x0d, got 0x0a");
	}

	@Test
	void rejectsDataWithNoLineInFlight() throws Exception {
		this.tracker.consume(buffer("hi\n".getBytes()), 0);
		assertThatExceptionOfType(ProtocolException.class)
			.isThrownBy(() -> this.tracker.consume(buffer("x".getBytes()), 0))
			.withMessageContaining("no line in flight");
	}

	@Test
	void refusesToExceedThePipeline() {
		sent(0);
		sent(0);
		assertThat(this.tracker.inFlight()).isEqualTo(2);
		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> sent(0));
	}

	private byte[] sent(long nanoTime) {
		byte[] line = new byte[16];
		this.tracker.next(line, nanoTime);
		assertThat(new String(line, StandardCharsets.US_ASCII)).endsWith("\r\n");
		return line;
	}

	private static ByteBuffer buffer(byte[]... parts) {
		ByteBuffer buffer = ByteBuffer.allocate(256);
		for (byte[] part : parts) {
			buffer.put(part);
		}
		return buffer.flip();
	}

}
