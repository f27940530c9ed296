package ai.corti.spring.auth.test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import ai.corti.spring.auth.autoconfigure.CortiConnectionDetails;
import ai.corti.spring.auth.autoconfigure.CortiProperties;
import ai.corti.spring.auth.standin.CortiStandIn;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.annotation.MergedAnnotations.SearchStrategy;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Starts a {@link CortiStandIn} for test classes annotated with
 * {@link AutoConfigureCortiStandIn}, contributes its {@link CortiConnectionDetails} for
 * the top-level client and points the named clients at it.
 */
class CortiStandInContextCustomizerFactory implements ContextCustomizerFactory {

	@Override
	public @Nullable ContextCustomizer createContextCustomizer(Class<?> testClass,
			List<ContextConfigurationAttributes> configAttributes) {
		boolean annotated = MergedAnnotations.from(testClass, SearchStrategy.TYPE_HIERARCHY)
			.isPresent(AutoConfigureCortiStandIn.class);
		return annotated ? new StandInContextCustomizer() : null;
	}

	private static final class StandInContextCustomizer implements ContextCustomizer {

		@Override
		public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
			ConfigurableEnvironment environment = context.getEnvironment();
			CortiStandIn standIn = CortiStandIn.start();
			standIn.tenant(environment.getProperty("corti.tenant-name", CortiStandIn.DEFAULT_TENANT))
				.client(environment.getProperty("corti.client-id", CortiStandIn.DEFAULT_CLIENT_ID),
						environment.getProperty("corti.client-secret", CortiStandIn.DEFAULT_CLIENT_SECRET));
			List<String> properties = new ArrayList<>(namedClients(environment, standIn));
			if (!environment.containsProperty("corti.token.prefetch")) {
				// A token fetched in the background at startup would race with what a
				// test scripts and counts.
				properties.add("corti.token.prefetch=false");
			}
			TestPropertyValues.of(properties).applyTo(environment, TestPropertyValues.Type.MAP, "cortiStandIn");
			ConfigurableListableBeanFactory beanFactory = context.getBeanFactory();
			beanFactory.registerSingleton("cortiStandIn", standIn);
			beanFactory.registerSingleton("cortiStandInConnectionDetails", new CortiStandInConnectionDetails(standIn));
			if (beanFactory instanceof DefaultSingletonBeanRegistry registry) {
				registry.registerDisposableBean("cortiStandIn", standIn::close);
			}
		}

		/**
		 * Each named client gets the stand-in's token endpoint and API, and the stand-in
		 * serves its tenant with its credentials (defaults where the test sets none).
		 * @param environment the environment holding the test's {@code corti.clients.*}
		 * properties
		 * @param standIn the stand-in that serves the named clients
		 * @return the {@code name=value} properties pointing each named client at the
		 * stand-in
		 */
		private static List<String> namedClients(ConfigurableEnvironment environment, CortiStandIn standIn) {
			List<String> properties = new ArrayList<>();
			Map<String, CortiProperties.Client> clients = Binder.get(environment)
				.bind("corti.clients", Bindable.mapOf(String.class, CortiProperties.Client.class))
				.orElse(Map.of());
			for (String name : clients.keySet()) {
				String prefix = "corti.clients." + name + ".";
				String tenant = environment.getProperty(prefix + "tenant-name", name);
				String clientId = environment.getProperty(prefix + "client-id", CortiStandIn.DEFAULT_CLIENT_ID);
				String secret = environment.getProperty(prefix + "client-secret", CortiStandIn.DEFAULT_CLIENT_SECRET);
				standIn.addTenant(tenant, clientId, secret);
				properties.add(prefix + "tenant-name=" + tenant);
				properties.add(prefix + "client-id=" + clientId);
				properties.add(prefix + "client-secret=" + secret);
				properties.add(prefix + "token-uri=" + standIn.tokenUri(tenant));
				properties.add(prefix + "base-url=" + standIn.baseUrl());
			}
			return properties;
		}

		@Override
		public boolean equals(@Nullable Object other) {
			return other instanceof StandInContextCustomizer;
		}

		@Override
		public int hashCode() {
			return StandInContextCustomizer.class.hashCode();
		}

	}

}
