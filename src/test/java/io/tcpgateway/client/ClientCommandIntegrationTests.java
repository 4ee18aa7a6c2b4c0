package io.tcpgateway.client;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;
import org.springframework.integration.ip.util.TestingUtilities;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ClientCommand} against the real gateway.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "gateway.tcp.port=0")
class ClientCommandIntegrationTests {

	private static final String GREETING = "Mensagem do servidor!";

	private int port;

	@BeforeEach
	void findPort(@Autowired AbstractServerConnectionFactory tcpServer) {
		TestingUtilities.waitListening(tcpServer, 10000L);
		this.port = tcpServer.getPort();
	}

	@Test
	void printsTheGreetingAndTheAnswerToALine() {
		Result result = client("/calc 6*7");
		assertThat(result.exitCode()).isZero();
		assertThat(result.stdout()).containsExactly(GREETING, "42");
		assertThat(result.stderr()).isEmpty();
	}

	@Test
	void sendsSeveralLinesInOrder() {
		Result result = client("/calc 6*7", "hello", "/calc 1+1", "/echo bye");
		assertThat(result.exitCode()).isZero();
		assertThat(result.stdout()).containsExactly(GREETING, "42", "hello", "2", "bye");
	}

	@Test
	void sendsLinesFromStdinWhenGivenNone() {
		Result result = run(stdin("/calc 2^10\nhello\n/mode\n"), "--host=127.0.0.1", "--port=" + this.port);
		assertThat(result.exitCode()).isZero();
		assertThat(result.stdout()).containsExactly(GREETING, "1024", "hello", "echo");
	}

	@Test
	void endsWhenTheServerHangsUp() {
		Result result = client("/quit");
		assertThat(result.exitCode()).isZero();
		assertThat(result.stdout()).containsExactly(GREETING, "BYE");
		assertThat(result.stderr()).isEmpty();
	}

	@Test
	void endsInteractiveModeWhenTheServerHangsUp() {
		Result result = run(stdin("hello\n/quit\n"), "--host=127.0.0.1", "--port=" + this.port);
		assertThat(result.exitCode()).isZero();
		assertThat(result.stdout()).containsExactly(GREETING, "hello", "BYE");
	}

	@Test
	void sendsALineThatLooksLikeAnOptionAfterDoubleDash() {
		Result result = client("--", "--port=1");
		assertThat(result.exitCode()).isZero();
		assertThat(result.stdout()).containsExactly(GREETING, "--port=1");
	}

	@Test
	void reportsARefusedConnectionOnOneLine() throws IOException {
		int unused;
		try (ServerSocket socket = new ServerSocket(0)) {
			unused = socket.getLocalPort();
		}
		Result result = run(stdin(""), "--host=127.0.0.1", "--port=" + unused, "hello");
		assertThat(result.exitCode()).isEqualTo(1);
		assertThat(result.stdout()).isEmpty();
		assertThat(result.stderr()).singleElement()
			.asString()
			.startsWith("cannot connect to")
			.isEqualTo("cannot connect to 127.0.0.1:" + unused + ": connection refused");
	}

	@ParameterizedTest
	@ValueSource(strings = { "--port=abc", "--port=0", "--port=65536", "--host=", "--colour=red" })
	void rejectsBadArgumentsWithUsage(String argument) {
		Result result = run(stdin(""), argument, "hello");
		assertThat(result.exitCode()).isEqualTo(2);
		assertThat(result.stdout()).isEmpty();
		assertThat(result.stderr()).last().asString().startsWith("usage: ");
	}

	private Result client(String... lines) {
		List<String> args = new ArrayList<>(List.of("--host=127.0.0.1", "--port=" + this.port));
		args.addAll(List.of(lines));
		return run(stdin(""), args.toArray(String[]::new));
	}

	private static Result run(InputStream stdin, String... args) {
		ByteArrayOutputStream stdout = new ByteArrayOutputStream();
		ByteArrayOutputStream stderr = new ByteArrayOutputStream();
		int exitCode = ClientCommand.run(args, stdin, new PrintStream(stdout, true, StandardCharsets.UTF_8),
				new PrintStream(stderr, true, StandardCharsets.UTF_8));
		return new Result(exitCode, lines(stdout), lines(stderr));
	}

	private static InputStream stdin(String text) {
		return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
	}

	private static List<String> lines(ByteArrayOutputStream output) {
		return output.toString(StandardCharsets.UTF_8).lines().toList();
	}

	private record Result(int exitCode, List<String> stdout, List<String> stderr) {

	}

}
