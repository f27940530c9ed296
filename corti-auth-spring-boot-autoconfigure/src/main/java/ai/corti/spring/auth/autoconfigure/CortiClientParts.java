package ai.corti.spring.auth.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

import ai.corti.spring.auth.CortiApiRetries;
import ai.corti.spring.auth.CortiAuthFilter;
import ai.corti.spring.auth.CortiAuthInterceptor;
import ai.corti.spring.auth.CortiRestClientCustomizer;
import ai.corti.spring.auth.CortiTokenFetchObservationConvention;
import ai.corti.spring.auth.CortiTokenProvider;
import ai.corti.spring.auth.CortiWebClientCustomizer;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.util.function.SingletonSupplier;
import org.springframework.web.client.RestClient;

/**
 * The parts of one Corti client, built from its {@link CortiProperties}: the same code
 * serves the default client's beans and every named client
 * ({@code corti.clients.<name>}).
 */
final class CortiClientParts {

	private CortiClientParts() {
	}

	static CortiTokenServiceFactory tokenServiceFactory(CortiProperties properties,
			CortiConnectionDetails connectionDetails, CortiHttpClients httpClients,
			Supplier<ClientHttpRequestFactoryBuilder<?>> requestFactoryBuilder,
			Supplier<RestClient.Builder> restClientBuilder, ObservationRegistry observationRegistry,
			@Nullable CortiTokenFetchObservationConvention convention, CortiTokenRenewals renewals) {
		CortiProperties.Token token = properties.getToken();
		// One HTTP client for all of the factory's token services, made with the first
		// token request.
		SingletonSupplier<ClientHttpRequestFactory> requestFactory = SingletonSupplier.of(() -> httpClients
			.requestFactory(requestFactoryBuilder.get(), token.getConnectTimeout(), token.getReadTimeout(), false));
		return new CortiTokenServiceFactory(properties, connectionDetails,
				() -> restClientBuilder.get().requestFactory(requestFactory.obtain()), observationRegistry, convention,
				renewals);
	}

	static CortiApiRetries apiRetries(CortiProperties properties, String registrationId,
			ObservationRegistry observationRegistry) {
		CortiProperties.HttpRetry retry = properties.getHttp().getRetry();
		if (!retry.isEnabled()) {
			return CortiApiRetries.none();
		}
		CortiProperties.Budget budget = retry.getBudget();
		return CortiApiRetries.builder(registrationId)
			.maxRetries(retry.getMaxRetries())
			.backoff(retry.getInitialBackoff(), retry.getMaxBackoff())
			.maxRetryAfter(retry.getMaxRetryAfter())
			.budget(budget.getRatio(), budget.getMinRetries(), budget.getWindow())
			.observationRegistry(observationRegistry)
			.build();
	}

	static CortiRestClientBuilderConfigurer restClientConfigurer(CortiProperties properties,
			CortiConnectionDetails connectionDetails, CortiTokenProvider tokens, CortiApiRetries retries,
			CortiHttpClients httpClients, ClientHttpRequestFactoryBuilder<?> requestFactoryBuilder,
			List<CortiRestClientCustomizer> customizers) {
		CortiProperties.Http http = properties.getHttp();
		Duration connectTimeout = http.getConnectTimeout();
		return new CortiRestClientBuilderConfigurer(
				(readTimeout) -> httpClients.requestFactory(requestFactoryBuilder, connectTimeout, readTimeout, true),
				http.getReadTimeout(), connectionDetails.getBaseUrl(), new CortiAuthInterceptor(tokens,
						connectionDetails.getTenantName(), connectionDetails.getBaseUrl(), retries),
				customizers);
	}

	static CortiWebClientBuilderConfigurer webClientConfigurer(CortiProperties properties,
			CortiConnectionDetails connectionDetails, CortiTokenProvider tokens, CortiApiRetries retries,
			CortiHttpClients httpClients, ClientHttpConnectorBuilder<?> connectorBuilder,
			List<CortiWebClientCustomizer> customizers) {
		CortiProperties.Http http = properties.getHttp();
		Duration connectTimeout = http.getConnectTimeout();
		return new CortiWebClientBuilderConfigurer(
				(readTimeout) -> httpClients.connector(connectorBuilder, connectTimeout, readTimeout),
				http.getReadTimeout(), connectionDetails.getBaseUrl(),
				new CortiAuthFilter(tokens, connectionDetails.getTenantName(), connectionDetails.getBaseUrl(), retries),
				customizers);
	}

}
