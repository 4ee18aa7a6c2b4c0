package io.tcpgateway.settings;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link GatewayProperties.Viewer}.
 */
class ViewerSettingsTests {

	private final ValidatorFactory factory = Validation.buildDefaultValidatorFactory();

	private final Validator validator = this.factory.getValidator();

	@AfterEach
	void close() {
		this.factory.close();
	}

	@Test
	void thereIsNoViewerByDefault() {
		GatewayProperties.Viewer viewer = new GatewayProperties.Viewer("", "");
		assertThat(viewer.enabled()).isFalse();
		assertThat(this.validator.validate(viewer)).isEmpty();
	}

	@Test
	void aNamedViewerNeedsAPassword() {
		assertThat(this.validator.validate(new GatewayProperties.Viewer("watcher", "")))
			.extracting(ConstraintViolation::getMessage)
			.containsExactly("gateway.security.viewer.password must be set when gateway.security.viewer.name is");
		assertThat(this.validator.validate(new GatewayProperties.Viewer("watcher", "secret"))).isEmpty();
	}

}
