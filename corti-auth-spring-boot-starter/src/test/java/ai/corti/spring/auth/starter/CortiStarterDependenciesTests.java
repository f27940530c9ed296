package ai.corti.spring.auth.starter;

import org.junit.jupiter.api.Test;

import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter leaves out what it never loads; every other test of this module runs on the
 * starter's own dependencies, so they prove the clients, token service, health and
 * metrics work without it.
 */
class CortiStarterDependenciesTests {

	@Test
	void theNimbusOAuthSdkIsNotOnTheStartersClassPath() {
		assertThat(ClassUtils.isPresent("com.nimbusds.oauth2.sdk.ParseException", null)).isFalse();
		assertThat(ClassUtils.isPresent("com.nimbusds.jose.JWSObject", null)).isFalse();
	}

}
