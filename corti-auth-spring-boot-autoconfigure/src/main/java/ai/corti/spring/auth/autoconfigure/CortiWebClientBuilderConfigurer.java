package ai.corti.spring.auth.autoconfigure;

import java.util.List;

import ai.corti.spring.auth.CortiAuthFilter;
import ai.corti.spring.auth.CortiWebClientCustomizer;

import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Turns a {@code WebClient.Builder} into a Corti client: the Corti connector (connection pool), base URL and token
 * filter, then the users' {@link CortiWebClientCustomizer}s. Used for {@code cortiWebClient} and for the
 * {@code corti} HTTP service group, so both behave the same.
 */
final class CortiWebClientBuilderConfigurer {

	private final ClientHttpConnector connector;

	private final CortiEndpoints endpoints;

	private final CortiAuthFilter filter;

	private final List<CortiWebClientCustomizer> customizers;

	CortiWebClientBuilderConfigurer(ClientHttpConnector connector, CortiEndpoints endpoints, CortiAuthFilter filter,
			List<CortiWebClientCustomizer> customizers) {
		this.connector = connector;
		this.endpoints = endpoints;
		this.filter = filter;
		this.customizers = customizers;
	}

	WebClient.Builder configure(WebClient.Builder builder) {
		builder.clientConnector(this.connector).baseUrl(this.endpoints.baseUrl().toString()).filter(this.filter);
		this.customizers.forEach((customizer) -> customizer.customize(builder));
		return builder;
	}

}
