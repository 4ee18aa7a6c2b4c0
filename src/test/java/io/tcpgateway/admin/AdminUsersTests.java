package io.tcpgateway.admin;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.tcpgateway.settings.GatewayProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.security.autoconfigure.SecurityProperties;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link AdminUsers}.
 */
@ExtendWith(OutputCaptureExtension.class)
class AdminUsersTests {

	private static final GatewayProperties.Viewer NO_VIEWER = new GatewayProperties.Viewer("", "");

	private final PasswordEncoder passwords = PasswordEncoderFactories.createDelegatingPasswordEncoder();

	@Test
	void logsTheGeneratedOperatorPasswordAsSpringBootDid(CapturedOutput output) {
		InMemoryUserDetailsManager users = AdminUsers.of(new SecurityProperties().getUser(), NO_VIEWER);
		Matcher logged = Pattern.compile("Using generated security password: (\\S+)").matcher(output.getOut());
		assertThat(logged.find()).isTrue();
		UserDetails operator = users.loadUserByUsername("user");
		assertThat(this.passwords.matches(logged.group(1), operator.getPassword())).isTrue();
		assertThat(operator.getAuthorities()).extracting(Object::toString).containsExactly("ROLE_OPERATOR");
	}

	@Test
	void logsNoPasswordThatIsSet(CapturedOutput output) {
		AdminUsers.of(operator("admin", "secret"), NO_VIEWER);
		assertThat(output.getOut()).doesNotContain("Using generated security password");
	}

	@Test
	void addsTheViewerWithItsClearOrHashedPassword() {
		String hash = "{bcrypt}" + new BCryptPasswordEncoder(4).encode("hashed");
		for (String password : new String[] { "clear", hash }) {
			InMemoryUserDetailsManager users = AdminUsers.of(operator("admin", "secret"),
					new GatewayProperties.Viewer("watcher", password));
			UserDetails viewer = users.loadUserByUsername("watcher");
			assertThat(this.passwords.matches(password.equals(hash) ? "hashed" : password, viewer.getPassword()))
				.isTrue();
			assertThat(viewer.getAuthorities()).extracting(Object::toString).containsExactly("ROLE_VIEWER");
		}
	}

	@Test
	void keepsTheOperatorsOtherRoles() {
		SecurityProperties.User operator = operator("admin", "secret");
		operator.setRoles(List.of("ACTUATOR"));
		assertThat(AdminUsers.of(operator, NO_VIEWER).loadUserByUsername("admin").getAuthorities())
			.extracting(Object::toString)
			.containsExactlyInAnyOrder("ROLE_ACTUATOR", "ROLE_OPERATOR");
	}

	@Test
	void refusesAViewerNamedLikeTheOperator() {
		assertThatIllegalStateException()
			.isThrownBy(
					() -> AdminUsers.of(operator("admin", "secret"), new GatewayProperties.Viewer("admin", "other")))
			.withMessageContaining("gateway.security.viewer.name must differ from spring.security.user.name");
	}

	private static SecurityProperties.User operator(String name, String password) {
		SecurityProperties.User operator = new SecurityProperties().getUser();
		operator.setName(name);
		operator.setPassword(password);
		return operator;
	}

}
