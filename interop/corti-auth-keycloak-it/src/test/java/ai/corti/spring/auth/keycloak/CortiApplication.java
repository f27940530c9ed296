package ai.corti.spring.auth.keycloak;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/**
 * An application that has nothing but the starter and the four Corti settings, pointed at
 * Keycloak for tokens and at a loopback API. Full auto-configuration, so the starter is
 * wired exactly as in a user's application.
 */
@Configuration(proxyBeanMethods = false)
@EnableAutoConfiguration
final class CortiApplication {

	static ApplicationContextRunner with(KeycloakServer keycloak, LoopbackApi api, String clientId,
			String clientSecret) {
		return new ApplicationContextRunner().withUserConfiguration(CortiApplication.class)
			.withPropertyValues("corti.tenant-name=" + CortiRealm.TENANT, "corti.client-id=" + clientId,
					"corti.client-secret=" + clientSecret, "corti.token-uri=" + keycloak.tokenUri(),
					"corti.base-url=" + api.baseUrl());
	}

}
