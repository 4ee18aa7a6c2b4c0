package io.tcpgateway.admin;

import java.security.Principal;

import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Who sent an operation's request and from where, as the audit trail names them.
 *
 * @param name the authenticated user name
 * @param address the HTTP client's address as the gateway sees it (the forwarded one
 * behind a proxy when {@code server.forward-headers-strategy} is set)
 */
record Requester(String name, String address) {

	static final String UNKNOWN = "unknown";

	/**
	 * Reads the requester of an actuator operation; Spring Security kept the client's
	 * address with the authentication when it checked the credentials.
	 * @param security the operation's security context
	 * @return the requester
	 */
	static Requester of(SecurityContext security) {
		Principal principal = security.getPrincipal();
		if (principal == null) {
			return new Requester(RefusalAudit.ANONYMOUS, UNKNOWN);
		}
		String address = (principal instanceof Authentication authentication
				&& authentication.getDetails() instanceof WebAuthenticationDetails details) ? details.getRemoteAddress()
						: UNKNOWN;
		return new Requester(principal.getName(), (address != null) ? address : UNKNOWN);
	}

}
