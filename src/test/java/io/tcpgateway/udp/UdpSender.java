package io.tcpgateway.udp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Sends alarm datagrams from a chosen loopback address, as a monitored machine would,
 * signed with the tests' secret unless told otherwise.
 */
final class UdpSender implements AutoCloseable {

	static final String SECRET = "udp-alarm-test-secret";

	static final AlarmSigner SIGNER = new AlarmSigner(SECRET);

	private final DatagramSocket socket;

	private final int port;

	private UdpSender(String address, int port) throws IOException {
		this.socket = new DatagramSocket(new InetSocketAddress(address, 0));
		this.port = port;
	}

	/**
	 * A sender on a loopback address of its own, such as {@code 127.0.0.7}, so that each
	 * test has a rate allowance of its own.
	 * @param address the source address
	 * @param port the gateway's alarm port
	 * @return the sender
	 * @throws IOException if the address cannot be bound
	 */
	static UdpSender from(String address, int port) throws IOException {
		return new UdpSender(address, port);
	}

	static long now() {
		return Instant.now().getEpochSecond();
	}

	UdpSender alarm(String text) {
		return send(SIGNER.datagram(now(), text));
	}

	UdpSender send(String datagram) {
		return send(datagram.getBytes(StandardCharsets.UTF_8));
	}

	UdpSender send(byte[] datagram) {
		try {
			this.socket
				.send(new DatagramPacket(datagram, datagram.length, InetAddress.getLoopbackAddress(), this.port));
			return this;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void close() {
		this.socket.close();
	}

}
