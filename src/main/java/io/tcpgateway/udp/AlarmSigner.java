package io.tcpgateway.udp;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature of an alarm datagram, {@code v1 TS MAC TEXT}: the lower-case hex
 * HMAC-SHA256 of {@code v1 TS TEXT} keyed by the shared secret, made by the sender and
 * checked by the gateway.
 */
final class AlarmSigner {

	/** The version word every datagram starts with. */
	static final String VERSION = "v1";

	private static final String ALGORITHM = "HmacSHA256";

	private final SecretKeySpec key;

	/**
	 * Creates a signer.
	 * @param secret the shared secret, not empty
	 * @throws IllegalArgumentException if the secret is empty
	 */
	AlarmSigner(String secret) {
		if (secret.isEmpty()) {
			throw new IllegalArgumentException("the secret is empty");
		}
		this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
	}

	/**
	 * Signs an alarm.
	 * @param timestamp the sender's Unix time in seconds
	 * @param text the alarm text
	 * @return the MAC, 64 lower-case hex digits
	 */
	String sign(long timestamp, String text) {
		return HexFormat.of().formatHex(mac(timestamp, text));
	}

	/**
	 * The whole datagram for an alarm.
	 * @param timestamp the sender's Unix time in seconds
	 * @param text the alarm text
	 * @return the bytes of {@code v1 TS MAC TEXT}
	 */
	byte[] datagram(long timestamp, String text) {
		return (VERSION + " " + timestamp + " " + sign(timestamp, text) + " " + text).getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * Whether a MAC is the one for an alarm, compared in constant time so that its timing
	 * tells nothing about how much of a forged MAC was right.
	 * @param timestamp the timestamp the datagram carries
	 * @param text the text it carries
	 * @param mac the MAC it carries, as hex
	 * @return {@code true} if the MAC is right
	 */
	boolean verifies(long timestamp, String text, String mac) {
		byte[] expected = sign(timestamp, text).getBytes(StandardCharsets.US_ASCII);
		return MessageDigest.isEqual(expected, mac.getBytes(StandardCharsets.US_ASCII));
	}

	private byte[] mac(long timestamp, String text) {
		try {
			// A Mac is not thread-safe, and one is cheap next to the datagram's trip.
			Mac mac = Mac.getInstance(ALGORITHM);
			mac.init(this.key);
			return mac.doFinal((VERSION + " " + timestamp + " " + text).getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException | InvalidKeyException ex) {
			throw new IllegalStateException("HMAC-SHA256 is not available", ex);
		}
	}

}
