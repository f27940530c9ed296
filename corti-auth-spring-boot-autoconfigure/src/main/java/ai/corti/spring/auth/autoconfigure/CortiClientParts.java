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
			ClientHttpRequestFactoryBuilder<?> requestFactoryBuilder, Supplier<RestClient.Builder> restClientBuilder,
			ObservationRegistry observationRegistry, @Nullable CortiTokenFetchObservationConvention convention,
			CortiTokenRenewals renewals) {
		CortiProperties.Token token = properties.getToken();
		ClientHttpRequestFactory requestFactory = httpClients.requestFactory(requestFactoryBuilder,
				CortiPropertyChecks.requirePositive(token.getConnectTimeout(), "corti.token.connect-timeout"),
				CortiPropertyChecks.requirePositive(token.getReadTimeout(), "corti.token.read-timeout"), false);
		return new CortiTokenServiceFactory(properties, connectionDetails,
				() -> restClientBuilder.get().requestFactory(requestFactory), observationRegistry, convention,
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
			.maxRetries(CortiPropertyChecks.requireAtLeast(retry.getMaxRetries(), 0, "corti.http.retry.max-retries"))
			.backoff(CortiPropertyChecks.requirePositive(retry.getInitialBackoff(), "corti.http.retry.initial-backoff"),
					CortiPropertyChecks.requirePositive(retry.getMaxBackoff(), "corti.http.retry.max-backoff"))
			.maxRetryAfter(
					CortiPropertyChecks.requirePositive(retry.getMaxRetryAfter(), "corti.http.retry.max-retry-after"))
			.budget(CortiPropertyChecks.requireFraction(budget.getRatio(), "corti.http.retry.budget.ratio"),
					CortiPropertyChecks.requireAtLeast(budget.getMinRetries(), 0,
							"corti.http.retry.budget.min-retries"),
					CortiPropertyChecks.requirePositive(budget.getWindow(), "corti.http.retry.budget.window"))
			.observationRegistry(observationRegistry)
			.build();
	}

	static CortiRestClientBuilderConfigurer restClientConfigurer(CortiProperties properties,
			CortiConnectionDetails connectionDetails, CortiTokenProvider tokens, CortiApiRetries retries,
			CortiHttpClients httpClients, ClientHttpRequestFactoryBuilder<?> requestFactoryBuilder,
			List<CortiRestClientCustomizer> customizers) {
		CortiProperties.Http http = properties.getHttp();
		Duration connectTimeout = CortiPropertyChecks.requirePositive(http.getConnectTimeout(),
				"corti.http.connect-timeout");
		return new CortiRestClientBuilderConfigurer(
				(readTimeout) -> httpClients.requestFactory(requestFactoryBuilder, connectTimeout, readTimeout, true),
				CortiPropertyChecks.requirePositive(http.getReadTimeout(), "corti.http.read-timeout"),
				connectionDetails.getBaseUrl(), new CortiAuthInterceptor(tokens, connectionDetails.getTenantName(),
						connectionDetails.getBaseUrl(), retries),
				customizers);
	}

	static CortiWebClientBuilderConfigurer webClientConfigurer(CortiProperties properties,
			CortiConnectionDetails connectionDetails, CortiTokenProvider tokens, CortiApiRetries retries,
			CortiHttpClients httpClients, ClientHttpConnectorBuilder<?> connectorBuilder,
			List<CortiWebClientCustomizer> customizers) {
		CortiProperties.Http http = properties.getHttp();
		Duration connectTimeout = CortiPropertyChecks.requirePositive(http.getConnectTimeout(),
				"corti.http.connect-timeout");
		return new CortiWebClientBuilderConfigurer(
				(readTimeout) -> httpClients.connector(connectorBuilder, connectTimeout, readTimeout),
				CortiPropertyChecks.requirePositive(http.getReadTimeout(), "corti.http.read-timeout"),
				connectionDetails.getBaseUrl(),
				new CortiAuthFilter(tokens, connectionDetails.getTenantName(), connectionDetails.getBaseUrl(), retries),
				customizers);
	}

}
