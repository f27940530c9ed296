package ai.corti.spring.auth.test;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
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
 * Starts a {@link CortiStandIn} for test classes annotated with {@link AutoConfigureCortiStandIn}.
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
			String tenant = environment.getProperty("corti.tenant-name", CortiStandIn.DEFAULT_TENANT);
			String clientId = environment.getProperty("corti.client-id", CortiStandIn.DEFAULT_CLIENT_ID);
			String clientSecret = environment.getProperty("corti.client-secret", CortiStandIn.DEFAULT_CLIENT_SECRET);
			standIn.tenant(tenant).client(clientId, clientSecret);
			TestPropertyValues properties = TestPropertyValues.of(standIn.propertyValues());
			if (!environment.containsProperty("corti.token.prefetch")) {
				// A token fetched in the background at startup would race with what a test scripts and counts.
				properties = properties.and("corti.token.prefetch=false");
			}
			properties.applyTo(environment, TestPropertyValues.Type.MAP, "cortiStandIn");
			context.getBeanFactory().registerSingleton("cortiStandIn", standIn);
			if (context.getBeanFactory() instanceof DefaultSingletonBeanRegistry registry) {
				registry.registerDisposableBean("cortiStandIn", standIn::close);
			}
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
