package ai.corti.spring.auth.autoconfigure;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import ai.corti.spring.auth.CortiTokenProvider;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@code corti} health component
 * ({@code management.health.corti.enabled}): one member per token service, keyed by
 * registration id: {@code corti} (the top-level client, or the application's own
 * {@link CortiTokenProvider}), {@code corti-<name>} for each named client, and
 * {@code corti-streams}, {@code corti-transcribe}, {@code corti-<name>-streams}… for the
 * scoped services of the WebSocket URLs and front-end tokens once they were first used.
 * Probes only read state; they never call a token endpoint.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = { CortiAutoConfiguration.class, CortiClientsAutoConfiguration.class })
@ConditionalOnClass({ HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class })
@ConditionalOnBooleanProperty(name = "corti.enabled", matchIfMissing = true)
@ConditionalOnEnabledHealthIndicator("corti")
public final class CortiHealthContributorAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = { "cortiHealthContributor", "cortiHealthIndicator" })
	CortiHealthContributor cortiHealthContributor(ObjectProvider<CortiTokenProvider> topLevel,
			ObjectProvider<CortiTokenServiceFactory> topLevelFactory, ObjectProvider<CortiClients> namedClients) {
		// Looked up on the first health check, so that the health contributor makes no
		// token service at startup.
		return new CortiHealthContributor(() -> {
			CortiTokenProvider tokens = topLevel.getIfUnique();
			CortiTokenServiceFactory factory = topLevelFactory.getIfUnique();
			CortiClients clients = namedClients.getIfUnique();
			Map<String, CortiTokenProvider> all = new LinkedHashMap<>();
			if (tokens != null) {
				all.put(CortiClientRegistrationMapper.REGISTRATION_ID, tokens);
				if (factory != null) {
					all.putAll(factory.scopedServices());
				}
			}
			if (clients != null) {
				all.putAll(clients.tokenServices());
			}
			return all;
		}, Clock.systemUTC());
	}

}
