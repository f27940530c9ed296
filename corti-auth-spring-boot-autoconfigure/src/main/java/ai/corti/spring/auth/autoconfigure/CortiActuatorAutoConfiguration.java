package ai.corti.spring.auth.autoconfigure;

import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Actuator support: masking of the Corti client secrets and proxy passwords in
 * {@code /configprops} and {@code /env}, even with {@code show-values=always}. The health
 * component has its own auto-configuration,
 * {@link CortiHealthContributorAutoConfiguration}.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = { CortiAutoConfiguration.class, CortiClientsAutoConfiguration.class })
@ConditionalOnBooleanProperty(name = "corti.enabled", matchIfMissing = true)
public final class CortiActuatorAutoConfiguration {

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
