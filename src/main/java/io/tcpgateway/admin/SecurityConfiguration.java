package io.tcpgateway.admin;

import jakarta.servlet.DispatcherType;

import io.tcpgateway.connection.AuditTrail;
import io.tcpgateway.settings.GatewayProperties;

import org.springframework.boot.security.autoconfigure.SecurityProperties;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Who may call what over HTTP: the web page and monitoring endpoints are open (health
 * details only to the operator and the viewer), the endpoints that show connections need
 * either of them over HTTP Basic, those that act on them the operator, and everything
 * else is denied; every refusal goes to the audit trail.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	/** The web page, its files and its WebSocket endpoint. */
	static final String[] PUBLIC_PAGES = { "/", "/index.html", "/style.css", "/app.js", "/ws" };

	/**
	 * The operator and the viewer, as a plain lookup: not a
	 * {@code UserDetailsPasswordService}, through which Spring Security would re-encode a
	 * clear password with bcrypt after the first login and then spend about 100 ms of CPU
	 * checking it on every request (measured: 200 ms before an alarm left, on one core).
	 * @param security the operator's settings
	 * @param properties the viewer's settings
	 * @return the users
	 */
	@Bean
	UserDetailsService adminUsers(SecurityProperties security, GatewayProperties properties) {
		InMemoryUserDetailsManager users = AdminUsers.of(security.getUser(), properties.security().viewer());
		return users::loadUserByUsername;
	}

	@Bean
	RefusalAudit refusalAudit(AuditTrail auditTrail) {
		return new RefusalAudit(auditTrail);
	}

	@Bean
	SecurityFilterChain actuatorSecurityFilterChain(HttpSecurity http, RefusalAudit refusals) {
		// CSRF tokens are off, yet a page on another site cannot act for a logged-in
		// operator, although the browser would resend cached Basic credentials with its
		// request: the write endpoints accept only JSON bodies (application/json or the
		// actuator's media type), so an HTML form or a "simple" cross-site fetch, which
		// can send only form-urlencoded, multipart or text/plain, gets 415 and does
		// nothing; a JSON request needs a CORS preflight, which fails because no CORS is
		// configured. There is no session, so nothing else rides along. Anonymous
		// callers still reach health (status only), while httpBasic authenticates any
		// request that brings credentials, so the operator and the viewer see the health
		// details.
		return http.authorizeHttpRequests(SecurityConfiguration::authorize)
			.httpBasic((basic) -> basic.authenticationEntryPoint(refusals))
			.exceptionHandling(
					(exceptions) -> exceptions.authenticationEntryPoint(refusals).accessDeniedHandler(refusals))
			.csrf(AbstractHttpConfigurer::disable)
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.build();
	}

	private static void authorize(
			AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry requests) {
		requests.requestMatchers(EndpointRequest.to("health", "info", "metrics", "prometheus")).permitAll();
		requests
			.requestMatchers(EndpointRequest.to(ConnectionsEndpoint.class, ConnectionEventsEndpoint.class)
				.withHttpMethod(HttpMethod.GET))
			.hasAnyRole(AdminUsers.VIEWER, AdminUsers.OPERATOR);
		// By id: the cluster endpoint lives in the cluster package and exists only when
		// clustering is on.
		requests.requestMatchers(EndpointRequest.to("cluster").withHttpMethod(HttpMethod.GET))
			.hasAnyRole(AdminUsers.VIEWER, AdminUsers.OPERATOR);
		requests.requestMatchers(kick(), broadcast()).hasRole(AdminUsers.OPERATOR);
		// The web page and its WebSocket door, like the TCP port, are open to anyone.
		requests.requestMatchers(HttpMethod.GET, PUBLIC_PAGES).permitAll();
		// The error page must render a 400 or 404 from an allowed request, not a 401.
		requests.dispatcherTypeMatchers(DispatcherType.ERROR).permitAll();
		requests.anyRequest().denyAll();
	}

	/**
	 * Matches a request to close a connection.
	 * @return a new matcher: each holds on to the application context it first sees
	 */
	static RequestMatcher kick() {
		return EndpointRequest.to(ConnectionsEndpoint.class).withHttpMethod(HttpMethod.DELETE);
	}

	/**
	 * Matches a request to send an alarm.
	 * @return a new matcher
	 */
	static RequestMatcher broadcast() {
		return EndpointRequest.to(BroadcastEndpoint.class).withHttpMethod(HttpMethod.POST);
	}

	/**
	 * Matches a request to any exposed actuator endpoint.
	 * @return a new matcher
	 */
	static RequestMatcher anyEndpoint() {
		return EndpointRequest.toAnyEndpoint();
	}

}
