package io.tcpgateway.admin;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import io.tcpgateway.settings.GatewayProperties;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.security.autoconfigure.SecurityProperties;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

/**
 * The users of the admin endpoints: the operator of {@code spring.security.user.*}, who
 * may read and act, and the viewer of {@code gateway.security.viewer.*}, if one is set,
 * who may only read.
 *
 * <p>
 * Defining these users turns Spring Boot's own single user off, so this class does what
 * Boot did for it: a password without an {@code {id}} prefix is in clear, and when none
 * is set the generated one is logged.
 */
final class AdminUsers {

	/** The role of the operator, who may read every admin endpoint and act. */
	static final String OPERATOR = "OPERATOR";

	/** The role of the viewer, who may read every admin endpoint. */
	static final String VIEWER = "VIEWER";

	private static final Log logger = LogFactory.getLog(AdminUsers.class);

	private static final Pattern ENCODED = Pattern.compile("^\\{.+}.*$");

	private AdminUsers() {
	}

	static InMemoryUserDetailsManager of(SecurityProperties.User operator, GatewayProperties.Viewer viewer) {
		if (operator.isPasswordGenerated()) {
			// Boot's wording, which the README tells operators to look for.
			logger.warn(String.format(
					"%n%nUsing generated security password: %s%n%nThis generated password is for "
							+ "development use only. Set spring.security.user.password before running in production.%n",
					operator.getPassword()));
		}
		List<String> operatorRoles = new ArrayList<>(operator.getRoles());
		operatorRoles.add(OPERATOR);
		List<UserDetails> users = new ArrayList<>();
		users.add(user(operator.getName(), operator.getPassword(), operatorRoles));
		if (viewer.enabled()) {
			if (viewer.name().equals(operator.getName())) {
				throw new IllegalStateException(
						"gateway.security.viewer.name must differ from spring.security.user.name (" + operator.getName()
								+ ")");
			}
			users.add(user(viewer.name(), viewer.password(), List.of(VIEWER)));
		}
		return new InMemoryUserDetailsManager(users);
	}

	private static UserDetails user(String name, String password, List<String> roles) {
		String encoded = ENCODED.matcher(password).matches() ? password : "{noop}" + password;
		return User.withUsername(name).password(encoded).roles(roles.toArray(String[]::new)).build();
	}

}
