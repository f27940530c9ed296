package ai.corti.spring.auth.autoconfigure;

import ai.corti.spring.auth.standin.CortiStandIn;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.imperative.ImperativeHttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.service.HttpServiceClientPropertiesAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.service.HttpServiceClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.boot.webclient.autoconfigure.service.ReactiveHttpServiceClientAutoConfiguration;

/**
 * A context runner with all of ours and Boot's HTTP client auto-configurations, pointed
 * at a stand-in: what an application with the starter gets, without starting a whole
 * application.
 */
final class StandInContextRunner {

	private StandInContextRunner() {
	}

	static ApplicationContextRunner of(CortiStandIn standIn) {
		return withoutProperties().withPropertyValues(standIn.propertyValues());
	}

	/** The same auto-configurations, with no {@code corti.*} property set. */
	static ApplicationContextRunner withoutProperties() {
		return new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(CortiAutoConfiguration.class,
				CortiClientsAutoConfiguration.class, CortiRestClientAutoConfiguration.class,
				CortiWebClientAutoConfiguration.class, CortiActuatorAutoConfiguration.class,
				CortiHealthContributorAutoConfiguration.class, JacksonAutoConfiguration.class,
				HttpClientAutoConfiguration.class, ImperativeHttpClientAutoConfiguration.class,
				ReactiveHttpClientAutoConfiguration.class, RestClientAutoConfiguration.class,
				WebClientAutoConfiguration.class, HttpServiceClientPropertiesAutoConfiguration.class,
				HttpServiceClientAutoConfiguration.class, ReactiveHttpServiceClientAutoConfiguration.class));
	}

}
