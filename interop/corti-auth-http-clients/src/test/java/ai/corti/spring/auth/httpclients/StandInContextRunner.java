package ai.corti.spring.auth.httpclients;

import ai.corti.spring.auth.autoconfigure.CortiAutoConfiguration;
import ai.corti.spring.auth.autoconfigure.CortiRestClientAutoConfiguration;
import ai.corti.spring.auth.autoconfigure.CortiWebClientAutoConfiguration;
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
 * A context runner with the Corti client auto-configurations and all of Boot's HTTP
 * client ones, pointed at a stand-in: what an application with the starter gets, with the
 * HTTP client chosen by Boot's properties.
 */
final class StandInContextRunner {

	private StandInContextRunner() {
	}

	static ApplicationContextRunner of(CortiStandIn standIn) {
		return new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(CortiAutoConfiguration.class, CortiRestClientAutoConfiguration.class,
							CortiWebClientAutoConfiguration.class, JacksonAutoConfiguration.class,
							HttpClientAutoConfiguration.class, ImperativeHttpClientAutoConfiguration.class,
							ReactiveHttpClientAutoConfiguration.class, RestClientAutoConfiguration.class,
							WebClientAutoConfiguration.class, HttpServiceClientPropertiesAutoConfiguration.class,
							HttpServiceClientAutoConfiguration.class, ReactiveHttpServiceClientAutoConfiguration.class))
			.withPropertyValues(standIn.propertyValues());
	}

}
