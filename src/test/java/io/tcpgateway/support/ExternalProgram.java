package io.tcpgateway.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A Debian program that a test runs, found on the PATH or in the sbin folders; a missing
 * one fails the test on CI ({@code CI=true}) and skips it elsewhere.
 */
public final class ExternalProgram {

	private static final List<String> EXTRA_FOLDERS = List.of("/usr/local/sbin", "/usr/sbin", "/sbin");

	private ExternalProgram() {
	}

	public static Path redisServer() {
		return require("redis-server", "redis-server");
	}

	public static Path redisSentinel() {
		return require("redis-sentinel", "redis-sentinel");
	}

	public static Path haproxy() {
		return require("haproxy", "haproxy");
	}

	public static Path openssl() {
		return require("openssl", "openssl");
	}

	public static Path ncat() {
		return require("ncat", "ncat");
	}

	public static Path socat() {
		return require("socat", "socat");
	}

	public static Path chromium() {
		return require("/usr/bin/chromium", "chromium");
	}

	public static Path chromedriver() {
		return require("/usr/bin/chromedriver", "chromium-driver");
	}

	public static Path prometheus() {
		return require("prometheus", "prometheus");
	}

	public static Path promtool() {
		return require("promtool", "prometheus");
	}

	/**
	 * Finds a program, or ends the calling test: a failure when the environment variable
	 * {@code CI} is {@code true}, a skip otherwise.
	 * @param program a program name looked up on the PATH, or an absolute path
	 * @param aptPackage the Debian package that installs it
	 * @return the executable
	 */
	public static Path require(String program, String aptPackage) {
		Optional<Path> found = find(program);
		if (found.isEmpty()) {
			missing(program + " not installed (apt-get install " + aptPackage + ")", System.getenv("CI"));
		}
		return found.orElseThrow();
	}

	/**
	 * Finds a program without ending the test.
	 * @param program a program name looked up on the PATH, or an absolute path
	 * @return the executable, if there is one
	 */
	public static Optional<Path> find(String program) {
		if (program.contains("/")) {
			return Optional.of(Path.of(program)).filter(ExternalProgram::isExecutable);
		}
		List<String> folders = new ArrayList<>();
		String path = System.getenv("PATH");
		if (path != null) {
			folders.addAll(List.of(path.split(":")));
		}
		folders.addAll(EXTRA_FOLDERS);
		return folders.stream()
			.filter((folder) -> !folder.isEmpty())
			.map((folder) -> Path.of(folder, program))
			.filter(ExternalProgram::isExecutable)
			.findFirst();
	}

	/**
	 * Ends the calling test because something it needs is missing.
	 * @param reason one line naming what is missing and how to install it
	 * @param ci the value of the environment variable {@code CI}, possibly {@code null}
	 */
	static void missing(String reason, String ci) {
		if ("true".equalsIgnoreCase(ci)) {
			Assertions.fail(reason);
		}
		Assumptions.abort(reason);
	}

	private static boolean isExecutable(Path file) {
		return Files.isRegularFile(file) && Files.isExecutable(file);
	}

}
