package io.tcpgateway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Entry point: runs the gateway.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class TcpGatewayApplication {

	public static void main(String[] args) {
		SpringApplication.run(TcpGatewayApplication.class, args);
	}

}
