package ai.corti.spring.auth.autoconfigure;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import ai.corti.spring.auth.CortiTokenProvider;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * Actuator support: the {@code corti} health component ({@code management.health.corti.enabled}) and masking of the
 * Corti client secret and proxy password in {@code /configprops} and {@code /env}, even with
 * {@code show-values=always}.
 */
@AutoConfiguration(after = { CortiAutoConfiguration.class, CortiClientsAutoConfiguration.class })
@ConditionalOnBooleanProperty(name = "corti.enabled", matchIfMissing = true)
public final class CortiActuatorAutoConfiguration {

	/** Without named clients: the {@code corti} component is the one token provider's state. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class })
	@ConditionalOnBean(CortiTokenProvider.class)
	@Conditional(CortiClientConditions.OnNoNamedClients.class)
	static class HealthConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "cortiHealthIndicator")
		@ConditionalOnEnabledHealthIndicator("corti")
		CortiHealthIndicator cortiHealthIndicator(CortiTokenProvider cortiTokenProvider) {
			return new CortiHealthIndicator(cortiTokenProvider, Clock.systemUTC());
		}

	}

	/**
	 * With named clients: the {@code corti} component has one member per client, keyed by registration id
	 * ({@code corti} for the top-level client, {@code corti-<name>} for the named ones).
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class })
	@Conditional(CortiClientConditions.OnNamedClients.class)
	static class NamedClientsHealthConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "cortiHealthContributor")
		@ConditionalOnEnabledHealthIndicator("corti")
		CompositeHealthContributor cortiHealthContributor(ObjectProvider<CortiTokenProvider> topLevel,
				CortiClients cortiClients) {
			Map<String, HealthContributor> members = new LinkedHashMap<>();
			topLevel.ifAvailable((tokens) -> members.put(CortiClientRegistrationMapper.REGISTRATION_ID,
					new CortiHealthIndicator(tokens, Clock.systemUTC())));
			for (String name : cortiClients.names()) {
				members.put(CortiClients.registrationId(name),
						new CortiHealthIndicator(cortiClients.get(name).getTokenService(), Clock.systemUTC()));
			}
			return CompositeHealthContributor.fromMap(members);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(SanitizingFunction.class)
	static class SanitizingConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "cortiSanitizingFunction")
		CortiCredentialsSanitizingFunction cortiSanitizingFunction() {
			return new CortiCredentialsSanitizingFunction();
		}

	}

}
