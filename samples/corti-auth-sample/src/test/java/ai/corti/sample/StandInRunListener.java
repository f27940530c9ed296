package ai.corti.sample;

import java.util.LinkedHashMap;
import java.util.Map;

import ai.corti.spring.auth.standin.CortiStandIn;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringApplicationHook;
import org.springframework.boot.SpringApplicationRunListener;
import org.springframework.boot.bootstrap.ConfigurableBootstrapContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.Assert;

/**
 * Runs the sample against the local stand-in for Corti when it was processed ahead of
 * time. Such an application's bean definitions were fixed when it was processed, so it
 * ignores configuration classes added at launch ({@link StandInConfiguration}); what it
 * does take at launch is what this supplies: the
 * {@value SampleApplication#STAND_IN_PROFILE} profile, the stand-in's endpoints, tenant
 * and credentials as properties (for both clients), and the stand-in and its
 * {@link LocalCorti} as singletons. The stand-in is registered first, so it is closed
 * last, after the clients that use it.
 */
final class StandInRunListener implements SpringApplicationHook, SpringApplicationRunListener {

	private @Nullable CortiStandIn standIn;

	@Override
	public SpringApplicationRunListener getRunListener(SpringApplication application) {
		application.setAdditionalProfiles(SampleApplication.STAND_IN_PROFILE);
		return this;
	}

	@Override
	public void environmentPrepared(ConfigurableBootstrapContext bootstrapContext,
			ConfigurableEnvironment environment) {
		CortiStandIn standIn = LocalStandIn.start(environment);
		Map<String, Object> properties = new LinkedHashMap<>(LocalStandIn.namedClientProperties(standIn, environment));
		for (String property : standIn.propertyValues()) {
			int separator = property.indexOf('=');
			properties.put(property.substring(0, separator), property.substring(separator + 1));
		}
		environment.getPropertySources().addFirst(new MapPropertySource("cortiStandIn", properties));
		this.standIn = standIn;
	}

	@Override
	public void contextPrepared(ConfigurableApplicationContext context) {
		CortiStandIn standIn = this.standIn;
		Assert.state(standIn != null, "The stand-in starts when the environment is prepared");
		DefaultListableBeanFactory beanFactory = (DefaultListableBeanFactory) context.getBeanFactory();
		beanFactory.registerSingleton("cortiStandIn", standIn);
		beanFactory.registerDisposableBean("cortiStandIn", standIn::close);
		beanFactory.registerSingleton("localCorti", new StandInLocalCorti(standIn));
	}

	@Override
	public void failed(@Nullable ConfigurableApplicationContext context, Throwable exception) {
		if (context == null && this.standIn != null) {
			this.standIn.close();
		}
	}

}
