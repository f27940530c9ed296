package ai.corti.spring.auth.autoconfigure;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Conditions on which Corti clients are configured: named ones under
 * {@code corti.clients}, and the top-level one, which is optional once named clients
 * exist.
 */
final class CortiClientConditions {

	private static final ConfigurationPropertyName CLIENTS = ConfigurationPropertyName.of("corti.clients");

	private static final List<String> IDENTITY = List.of("environment", "tenant-name", "client-id", "client-secret",
			"token-uri", "base-url");

	private CortiClientConditions() {
	}

	/**
	 * The names under {@code corti.clients}, in configuration order: read from the
	 * property names alone (as Boot's map binding finds its keys), without binding any
	 * client, because conditions ask for them many times during startup.
	 * @param environment the environment
	 * @return the names of the named clients
	 */
	static Set<String> namedClients(Environment environment) {
		Set<String> names = new LinkedHashSet<>();
		for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
			if (source instanceof IterableConfigurationPropertySource iterable) {
				iterable.filter(CLIENTS::isAncestorOf)
					.stream()
					.forEach((name) -> names
						.add(name.getElement(CLIENTS.getNumberOfElements(), ConfigurationPropertyName.Form.ORIGINAL)));
			}
		}
		return names;
	}

	/** Matches when {@code corti.clients} names at least one client. */
	static final class OnNamedClients extends NamedClientsCondition {

		OnNamedClients() {
			super(true);
		}

	}

	/** Matches when {@code corti.clients} names no client. */
	static final class OnNoNamedClients extends NamedClientsCondition {

		OnNoNamedClients() {
			super(false);
		}

	}

	private abstract static class NamedClientsCondition extends SpringBootCondition {

		private final boolean wanted;

		NamedClientsCondition(boolean wanted) {
			this.wanted = wanted;
		}

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			Set<String> clients = namedClients(context.getEnvironment());
			return new ConditionOutcome(clients.isEmpty() != this.wanted,
					clients.isEmpty() ? "no corti.clients" : "corti.clients " + clients);
		}

	}

	/**
	 * Matches unless named clients exist, none of the top-level client's identity
	 * ({@code corti.environment}, {@code corti.tenant-name}, credentials, URLs) is set
	 * and no {@link CortiConnectionDetails} bean is defined.
	 */
	static final class OnDefaultClient extends SpringBootCondition {

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			Environment environment = context.getEnvironment();
			if (namedClients(environment).isEmpty()) {
				return ConditionOutcome.match("no named Corti clients");
			}
			if (context.getBeanFactory() != null && context.getBeanFactory()
				.getBeanNamesForType(CortiConnectionDetails.class, true, false).length > 0) {
				return ConditionOutcome.match("a CortiConnectionDetails bean is defined");
			}
			Binder binder = Binder.get(environment);
			for (String key : IDENTITY) {
				if (binder.bind("corti." + key, String.class).isBound()) {
					return ConditionOutcome.match("corti." + key + " is set");
				}
			}
			return ConditionOutcome.noMatch("only named Corti clients are configured");
		}

	}

}
