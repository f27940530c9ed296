package ai.corti.spring.auth.autoconfigure;

import java.util.List;

import ai.corti.spring.auth.CortiAuthInterceptor;
import ai.corti.spring.auth.CortiRestClientCustomizer;

import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * Turns a {@code RestClient.Builder} into a Corti client: the Corti HTTP client, base URL and token interceptor, then
 * the users' {@link CortiRestClientCustomizer}s. Used for {@code cortiRestClient} and for the {@code corti} HTTP
 * service group, so both behave the same.
 */
final class CortiRestClientBuilderConfigurer {

	private final ClientHttpRequestFactory requestFactory;

	private final CortiEndpoints endpoints;

	private final CortiAuthInterceptor interceptor;

	private final List<CortiRestClientCustomizer> customizers;

	CortiRestClientBuilderConfigurer(ClientHttpRequestFactory requestFactory, CortiEndpoints endpoints,
			CortiAuthInterceptor interceptor, List<CortiRestClientCustomizer> customizers) {
		this.requestFactory = requestFactory;
		this.endpoints = endpoints;
		this.interceptor = interceptor;
		this.customizers = customizers;
	}

	RestClient.Builder configure(RestClient.Builder builder) {
		builder.requestFactory(this.requestFactory)
			.baseUrl(this.endpoints.baseUrl().toString())
			.requestInterceptor(this.interceptor);
		this.customizers.forEach((customizer) -> customizer.customize(builder));
		return builder;
	}

}
