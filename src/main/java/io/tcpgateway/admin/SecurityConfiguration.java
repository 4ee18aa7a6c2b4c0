package io.tcpgateway.admin;

import jakarta.servlet.DispatcherType;

import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Who may call what over HTTP: monitoring endpoints are open, the endpoints that show or
 * act on connections need HTTP Basic, and everything else is denied.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	@Bean
	SecurityFilterChain actuatorSecurityFilterChain(HttpSecurity http) {
		// Stateless and authenticated on every request, so there is no session cookie for
		// a cross-site request to ride on and CSRF tokens would only get in the way.
		return http.authorizeHttpRequests(SecurityConfiguration::authorize)
			.httpBasic(Customizer.withDefaults())
			.csrf(AbstractHttpConfigurer::disable)
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.build();
	}

	private static void authorize(
			AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry requests) {
		requests.requestMatchers(EndpointRequest.to("health", "info", "metrics", "prometheus")).permitAll();
		requests
			.requestMatchers(EndpointRequest.to(ConnectionsEndpoint.class, ConnectionEventsEndpoint.class,
					BroadcastEndpoint.class))
			.authenticated();
		// The error page must render a 400 or 404 from an allowed request, not a 401.
		requests.dispatcherTypeMatchers(DispatcherType.ERROR).permitAll();
		requests.anyRequest().denyAll();
	}

}
