package io.tcpgateway.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import org.springframework.boot.ssl.pem.PemContent;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.util.Assert;

/**
 * A test certificate authority in a folder, made with the real {@code openssl}: the CA, a
 * server certificate for {@code localhost} and {@code 127.0.0.1}, and client
 * certificates, all as PEM files, with TLS contexts for Java clients that trust the CA.
 */
public final class TestCertificates {

	private static final long TIMEOUT_SECONDS = 30;

	private final Path folder;

	private final Path openssl;

	private TestCertificates(Path folder, Path openssl) {
		this.folder = folder;
		this.openssl = openssl;
	}

	/**
	 * Creates a CA and a server certificate signed by it in a new temporary folder; skips
	 * or fails the test when {@code openssl} is missing.
	 * @return the certificates
	 */
	public static TestCertificates create() {
		Path openssl = ExternalProgram.openssl();
		try {
			TestCertificates certificates = new TestCertificates(Files.createTempDirectory("tls-"), openssl);
			certificates.run("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
					"-keyout", "ca.key", "-out", "ca.crt", "-days", "2", "-subj", "/CN=tcp-gateway test CA");
			certificates.issue("server", "/CN=localhost", "subjectAltName=DNS:localhost,IP:127.0.0.1");
			return certificates;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Issues a certificate and key signed by the CA, as {@code NAME.crt} and
	 * {@code NAME.key}; an existing pair is replaced, each file at once.
	 * @param name the file name without extension
	 * @param subject the subject, such as {@code /CN=alice}
	 * @param extension an {@code openssl x509} extension line, or empty
	 */
	public void issue(String name, String subject, String extension) {
		try {
			Path extensions = Files.writeString(this.folder.resolve(name + ".ext"), extension + "\n");
			run("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout",
					name + ".key.new", "-out", name + ".csr", "-subj", subject);
			run("x509", "-req", "-in", name + ".csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial", "-out",
					name + ".crt.new", "-days", "2", "-extfile", extensions.toString());
			Files.move(this.folder.resolve(name + ".key.new"), this.folder.resolve(name + ".key"),
					StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
			Files.move(this.folder.resolve(name + ".crt.new"), this.folder.resolve(name + ".crt"),
					StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public Path folder() {
		return this.folder;
	}

	public Path file(String name) {
		return this.folder.resolve(name);
	}

	/**
	 * A client TLS context that trusts the CA and presents no certificate.
	 * @return the context
	 */
	public SSLContext clientContext() {
		return clientContext(null);
	}

	/**
	 * A client TLS context that trusts the CA and presents a certificate it issued.
	 * @param name the certificate's file name without extension, or {@code null} for none
	 * @return the context
	 */
	public SSLContext clientContext(String name) {
		try {
			KeyStore trust = KeyStore.getInstance("PKCS12");
			trust.load(null, null);
			trust.setCertificateEntry("ca", certificates("ca.crt").get(0));
			TrustManagerFactory trustManagers = TrustManagerFactory
				.getInstance(TrustManagerFactory.getDefaultAlgorithm());
			trustManagers.init(trust);
			KeyManagerFactory keyManagers = null;
			if (name != null) {
				KeyStore keys = KeyStore.getInstance("PKCS12");
				keys.load(null, null);
				keys.setKeyEntry("client", PemContent.of(Files.readString(file(name + ".key"))).getPrivateKey(),
						new char[0], certificates(name + ".crt").toArray(new Certificate[0]));
				keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
				keyManagers.init(keys, new char[0]);
			}
			SSLContext context = SSLContext.getInstance("TLS");
			context.init((keyManagers != null) ? keyManagers.getKeyManagers() : null, trustManagers.getTrustManagers(),
					null);
			return context;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The certificates in a PEM file.
	 * @param name the file name
	 * @return the certificates, in order
	 */
	public List<Certificate> certificates(String name) {
		try (InputStream in = Files.newInputStream(file(name))) {
			return new ArrayList<>(CertificateFactory.getInstance("X.509").generateCertificates(in));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Deletes the folder.
	 */
	public void delete() {
		ServerProcess.deleteRecursively(this.folder);
	}

	private void run(String... args) throws IOException {
		List<String> command = new ArrayList<>();
		command.add(this.openssl.toString());
		command.addAll(List.of(args));
		Process process = new ProcessBuilder(command).directory(this.folder.toFile()).redirectErrorStream(true).start();
		try {
			String output = new String(process.getInputStream().readAllBytes());
			if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS) || process.exitValue() != 0) {
				throw new IllegalStateException("openssl " + String.join(" ", args) + " failed: " + output);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A test class's own certificates, made before its first test and deleted after its
	 * last, served by the gateway as the SSL bundle {@code gateway}.
	 */
	public static final class PerClass implements BeforeAllCallback, AfterAllCallback {

		private @Nullable TestCertificates certificates;

		@Override
		public void beforeAll(ExtensionContext context) {
			this.certificates = create();
		}

		@Override
		public void afterAll(ExtensionContext context) {
			if (this.certificates != null) {
				this.certificates.delete();
			}
		}

		public TestCertificates get() {
			Assert.state(this.certificates != null, "certificates are made before the first test");
			return this.certificates;
		}

		/**
		 * Points the SSL bundle {@code gateway} at the server certificate and key.
		 * @param registry the test's dynamic properties
		 */
		public void serveAsBundle(DynamicPropertyRegistry registry) {
			registry.add("spring.ssl.bundle.pem.gateway.keystore.certificate",
					() -> "file:" + get().file("server.crt"));
			registry.add("spring.ssl.bundle.pem.gateway.keystore.private-key",
					() -> "file:" + get().file("server.key"));
		}

	}

}
