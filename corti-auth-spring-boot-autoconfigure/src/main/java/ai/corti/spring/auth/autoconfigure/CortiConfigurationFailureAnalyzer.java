package ai.corti.spring.auth.autoconfigure;

import ai.corti.spring.auth.CortiConfigurationException;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.origin.Origin;
import org.springframework.core.env.Environment;

/**
 * Turns a {@link CortiConfigurationException} into a startup report that names the
 * property, its problem, where its value came from (a file and line, an environment
 * variable), and the fix. It never shows a value the exception does not, so never a
 * secret.
 */
class CortiConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<CortiConfigurationException> {

	private final @Nullable Environment environment;

	CortiConfigurationFailureAnalyzer(@Nullable Environment environment) {
		this.environment = environment;
	}

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, CortiConfigurationException cause) {
		String origin = originOf(cause.getProperty());
		return new FailureAnalysis("The Corti API client is misconfigured: " + cause.getProperty() + " "
				+ cause.getProblem() + "." + ((origin != null) ? " The value comes from " + origin + "." : ""),
				cause.getAction(), cause);
	}

	/**
	 * Where the property's value was set, as Spring Boot describes origins.
	 * @param property the property
	 * @return the origin, such as {@code class path resource [application.yml] - 4:18},
	 * or {@code null} when the property is not set or its origin is unknown
	 */
	private @Nullable String originOf(String property) {
		if (this.environment == null || !ConfigurationPropertyName.isValid(property)) {
			return null;
		}
		ConfigurationPropertyName name = ConfigurationPropertyName.of(property);
		for (ConfigurationPropertySource source : ConfigurationPropertySources.get(this.environment)) {
			ConfigurationProperty value = source.getConfigurationProperty(name);
			if (value != null) {
				Origin origin = value.getOrigin();
				return (origin != null) ? origin.toString() : null;
			}
		}
		return null;
	}

}
