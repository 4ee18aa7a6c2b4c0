package io.tcpgateway.admin;

import java.io.IOException;
import java.security.Principal;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.tcpgateway.connection.AuditTrail;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.authentication.www.BasicAuthenticationConverter;
import org.springframework.security.web.authentication.www.BasicAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.util.UrlPathHelper;

/**
 * Writes each request that Spring Security refuses to the audit trail, with the name that
 * was tried, then answers it as Spring Security would: 401 with a Basic challenge, or
 * 403.
 */
final class RefusalAudit implements AuthenticationEntryPoint, AccessDeniedHandler {

	/** The name recorded for a request without credentials. */
	static final String ANONYMOUS = "anonymous";

	private final AuditTrail audit;

	private final RequestMatcher kick = SecurityConfiguration.kick();

	private final RequestMatcher broadcast = SecurityConfiguration.broadcast();

	private final RequestMatcher endpoints = SecurityConfiguration.anyEndpoint();

	private final BasicAuthenticationConverter credentials = new BasicAuthenticationConverter();

	private final BasicAuthenticationEntryPoint challenge = new BasicAuthenticationEntryPoint();

	private final AccessDeniedHandler forbidden = new AccessDeniedHandlerImpl();

	RefusalAudit(AuditTrail audit) {
		this.audit = audit;
		// The realm Spring Security's httpBasic() announces by default.
		this.challenge.setRealmName("Realm");
	}

	/**
	 * Answers 401 to a request without valid credentials: wrong ones, unreadable ones, or
	 * none where a user is needed.
	 */
	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException ex)
			throws IOException {
		Attempt attempt = attempt(request);
		// A browser's favicon.ico or a scanner's guess, anonymous and outside the
		// endpoints, is no attempt on the admin side.
		if (attempt.hadCredentials() || this.endpoints.matches(request)) {
			record(request, attempt.name(), "401 " + attempt.problem());
		}
		this.challenge.commence(request, response, ex);
	}

	/**
	 * Answers 403 to a user whose role does not allow the request, such as the viewer
	 * trying to kick.
	 */
	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException ex)
			throws IOException, ServletException {
		Principal user = request.getUserPrincipal();
		record(request, (user != null) ? user.getName() : ANONYMOUS, "403 forbidden");
		this.forbidden.handle(request, response, ex);
	}

	private void record(HttpServletRequest request, String who, String outcome) {
		String from = request.getRemoteAddr();
		// Decoded, as the endpoint would have seen it.
		String path = UrlPathHelper.defaultInstance.getPathWithinApplication(request);
		if (this.kick.matches(request)) {
			String id = path.substring(path.lastIndexOf('/') + 1);
			this.audit.refused(who, from, ConnectionsEndpoint.ACTION, id, outcome);
		}
		else if (this.broadcast.matches(request)) {
			// The body of a refused request is never read, so the alarm text is unknown.
			this.audit.refused(who, from, BroadcastEndpoint.ACTION, "", outcome);
		}
		else {
			this.audit.refused(who, from, request.getMethod(), path, outcome);
		}
	}

	private Attempt attempt(HttpServletRequest request) {
		try {
			UsernamePasswordAuthenticationToken token = this.credentials.convert(request);
			return (token != null) ? new Attempt(token.getName(), true, "bad credentials")
					: new Attempt(ANONYMOUS, false, "no credentials");
		}
		catch (AuthenticationException ex) {
			return new Attempt(ANONYMOUS, true, "malformed credentials");
		}
	}

	/**
	 * The credentials a refused request brought.
	 *
	 * @param name the user name tried, or {@link #ANONYMOUS}
	 * @param hadCredentials whether it had an {@code Authorization: Basic} header
	 * @param problem what was wrong with them
	 */
	private record Attempt(String name, boolean hadCredentials, String problem) {

	}

}
