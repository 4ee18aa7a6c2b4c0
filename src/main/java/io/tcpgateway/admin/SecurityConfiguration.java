package io.tcpgateway.admin;

import jakarta.servlet.DispatcherType;

import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Who may call what over HTTP: the web page and monitoring endpoints are open (health
 * details only to the admin), the endpoints that show or act on connections need HTTP
 * Basic, and everything else is denied.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	/** The web page, its files and its WebSocket endpoint. */
	static final String[] PUBLIC_PAGES = { "/", "/index.html", "/style.css", "/app.js", "/ws" };

	@Bean
	SecurityFilterChain actuatorSecurityFilterChain(HttpSecurity http) {
		// CSRF tokens are off, yet a page on another site cannot act for a logged-in
		// admin,
		// although the browser would resend cached Basic credentials with its request:
		// the write endpoints accept only JSON bodies (application/json or the actuator's
		// media type), so an HTML form or a "simple" cross-site fetch, which can send
		// only
		// form-urlencoded, multipart or text/plain, gets 415 and does nothing; a JSON
		// request needs a CORS preflight, which fails because no CORS is configured.
		// There
		// is no session, so nothing else rides along. Anonymous callers still reach
		// health
		// (status only), while httpBasic authenticates any request that brings
		// credentials,
		// so the admin sees the health details.
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
		// The web page and its WebSocket door, like the TCP port, are open to anyone.
		requests.requestMatchers(HttpMethod.GET, PUBLIC_PAGES).permitAll();
		// By id: the cluster endpoint lives in the cluster package and exists only when
		// clustering is on.
		requests.requestMatchers(EndpointRequest.to("cluster")).authenticated();
		// The error page must render a 400 or 404 from an allowed request, not a 401.
		requests.dispatcherTypeMatchers(DispatcherType.ERROR).permitAll();
		requests.anyRequest().denyAll();
	}

}
