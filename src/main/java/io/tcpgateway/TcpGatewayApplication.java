package io.tcpgateway;

import java.time.Clock;
import java.util.Arrays;

import io.tcpgateway.bench.BenchCommand;
import io.tcpgateway.client.ClientCommand;
import io.tcpgateway.udp.AlarmCommand;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Entry point: runs the gateway, or with {@code client}, {@code bench} or {@code alarm}
 * as the first argument, the line client, the load generator or the UDP alarm sender,
 * without starting Spring Boot.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class TcpGatewayApplication {

	public static void main(String[] args) {
		String mode = (args.length > 0) ? args[0] : "";
		String[] rest = Arrays.copyOfRange(args, Math.min(1, args.length), args.length);
		if (mode.equals("client")) {
			silenceLogging();
			System.exit(ClientCommand.run(rest, System.in, System.out, System.err));
		}
		if (mode.equals("bench")) {
			System.exit(BenchCommand.run(rest));
		}
		if (mode.equals("alarm")) {
			System.exit(AlarmCommand.run(rest, System.getenv(), Clock.systemUTC(), System.out, System.err));
		}
		SpringApplication.run(TcpGatewayApplication.class, args);
	}

	// The client's stdout carries only what the server said, and it reports failures
	// itself. Spring and Spring Integration log through commons-logging, so pointing
	// commons-logging at its no-op log silences them without starting logback, whose
	// unconfigured default would log to stdout and take about 0.2 s to start.
	private static void silenceLogging() {
		System.setProperty("org.apache.commons.logging.LogFactory", "org.apache.commons.logging.impl.LogFactoryImpl");
		System.setProperty("org.apache.commons.logging.Log", "org.apache.commons.logging.impl.NoOpLog");
	}

}
