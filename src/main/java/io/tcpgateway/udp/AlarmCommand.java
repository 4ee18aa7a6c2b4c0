package io.tcpgateway.udp;

import java.io.IOException;
import java.io.PrintStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * The {@code alarm} command: signs one alarm and sends it to a gateway's UDP alarm port,
 * for monitoring scripts.
 */
public final class AlarmCommand {

	private AlarmCommand() {
	}

	/**
	 * Runs the command.
	 * @param args the arguments after the word {@code alarm}
	 * @param environment the environment variables, where the secret may be
	 * @param clock the clock that stamps the datagram
	 * @param stdout receives the usage when asked for
	 * @param stderr receives failures, one line each
	 * @return the exit code: 0 sent, 1 not sent, 2 bad arguments
	 */
	public static int run(String[] args, Map<String, String> environment, Clock clock, PrintStream stdout,
			PrintStream stderr) {
		AlarmOptions options;
		try {
			options = AlarmOptions.parse(List.of(args), environment);
		}
		catch (IllegalArgumentException ex) {
			stderr.println("alarm: " + ex.getMessage());
			stderr.println(AlarmOptions.USAGE);
			return 2;
		}
		if (options.help()) {
			stdout.println(AlarmOptions.USAGE);
			return 0;
		}
		byte[] datagram = new AlarmSigner(options.secret()).datagram(clock.instant().getEpochSecond(), options.text());
		try (DatagramSocket socket = new DatagramSocket()) {
			socket.send(new DatagramPacket(datagram, datagram.length, InetAddress.getByName(options.host()),
					options.port()));
			return 0;
		}
		catch (IOException ex) {
			stderr.println("alarm: cannot send to " + options.host() + ":" + options.port() + ": " + ex);
			return 1;
		}
	}

}
