package io.tcpgateway;

import java.util.Arrays;

import io.tcpgateway.bench.BenchCommand;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Entry point: runs the gateway, or its load generator with {@code bench}.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class TcpGatewayApplication {

	public static void main(String[] args) {
		String[] rest = Arrays.copyOfRange(args, Math.min(1, args.length), args.length);
		if (args.length > 0 && args[0].equals("bench")) {
			System.exit(BenchCommand.run(rest));
		}
		SpringApplication.run(TcpGatewayApplication.class, args);
	}

}
