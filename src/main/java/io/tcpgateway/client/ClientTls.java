package io.tcpgateway.client;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import io.netty.handler.ssl.util.InsecureTrustManagerFactory;

/**
 * The client's TLS context: the JDK's trusted authorities, the certificates of a PEM
 * file, or, with {@code --insecure}, any certificate at all.
 */
final class ClientTls {

	private ClientTls() {
	}

	static SSLContext context(ClientOptions options) throws IOException, GeneralSecurityException {
		Path ca = options.ca();
		if (!options.insecure() && ca == null) {
			return SSLContext.getDefault();
		}
		TrustManagerFactory trust = options.insecure() ? InsecureTrustManagerFactory.INSTANCE : trusting(ca);
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(null, trust.getTrustManagers(), null);
		return context;
	}

	private static TrustManagerFactory trusting(Path pem) throws IOException, GeneralSecurityException {
		KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
		store.load(null, null);
		try (InputStream in = Files.newInputStream(pem)) {
			int i = 0;
			for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
				store.setCertificateEntry("ca" + i++, certificate);
			}
			if (i == 0) {
				throw new GeneralSecurityException("no certificate in " + pem);
			}
		}
		TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		trust.init(store);
		return trust;
	}

}
