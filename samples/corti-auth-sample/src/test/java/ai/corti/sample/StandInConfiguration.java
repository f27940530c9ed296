package ai.corti.sample;

import ai.corti.spring.auth.autoconfigure.CortiConnectionDetails;
import ai.corti.spring.auth.standin.CortiStandIn;
import ai.corti.spring.auth.test.CortiStandInConnectionDetails;

import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistrar;
import org.springframework.test.context.support.DynamicPropertyRegistrarBeanInitializer;

/**
 * The local stand-in for Corti as beans, added to the sample by
 * {@link TestSampleApplication}: the stand-in, closed with the application context after
 * the clients that use it; its {@link CortiConnectionDetails} for the top-level client;
 * its endpoints as properties for the named client {@code corti.clients.us}, whose tenant
 * and credentials the {@value SampleApplication#STAND_IN_PROFILE} profile sets; and the
 * {@link LocalCorti} the tours script. Not a {@code @Configuration}: the sample's
 * component scan also covers the test classes, and must not pick it up for runs against
 * Corti.
 */
class StandInConfiguration {

	@Bean(destroyMethod = "close")
	CortiStandIn cortiStandIn(Environment environment) {
		return LocalStandIn.start(environment);
	}

	@Bean
	CortiStandInConnectionDetails standInConnectionDetails(CortiStandIn cortiStandIn) {
		return new CortiStandInConnectionDetails(cortiStandIn);
	}

	@Bean
	StandInLocalCorti localCorti(CortiStandIn cortiStandIn) {
		return new StandInLocalCorti(cortiStandIn);
	}

	@Bean
	DynamicPropertyRegistrar namedClientOnStandIn(CortiStandIn cortiStandIn, Environment environment) {
		return (registry) -> LocalStandIn.namedClientProperties(cortiStandIn, environment)
			.forEach((name, value) -> registry.add(name, () -> value));
	}

	/**
	 * Applies the {@link DynamicPropertyRegistrar} beans before any other bean is
	 * created, as the TestContext framework does for a test's context; nothing does it
	 * for a launched application.
	 * @return the initializer of the registrars
	 */
	@Bean
	static DynamicPropertyRegistrarBeanInitializer dynamicPropertyRegistrarBeanInitializer() {
		return new DynamicPropertyRegistrarBeanInitializer();
	}

}
