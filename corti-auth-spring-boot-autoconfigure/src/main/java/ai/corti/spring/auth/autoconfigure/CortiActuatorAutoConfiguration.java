package ai.corti.spring.auth.autoconfigure;

import java.time.Clock;

import ai.corti.spring.auth.CortiTokenProvider;

import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Actuator support: the {@code corti} health component ({@code management.health.corti.enabled}) and masking of the
 * Corti client secret and proxy password in {@code /configprops} and {@code /env}, even with
 * {@code show-values=always}.
 */
@AutoConfiguration(after = CortiAutoConfiguration.class)
@ConditionalOnBean(CortiTokenProvider.class)
public final class CortiActuatorAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class })
	static class HealthConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "cortiHealthIndicator")
		@ConditionalOnEnabledHealthIndicator("corti")
		CortiHealthIndicator cortiHealthIndicator(CortiTokenProvider cortiTokenProvider) {
			return new CortiHealthIndicator(cortiTokenProvider, Clock.systemUTC());
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
