package ai.corti.spring.auth.autoconfigure;

import ai.corti.spring.auth.CortiAuthInterceptor;
import ai.corti.spring.auth.CortiRestClientCustomizer;
import ai.corti.spring.auth.CortiTokenService;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.core.io.ResourceLoader;
import org.springframework.web.client.RestClient;

/**
 * Auto-configuration of {@code cortiRestClient}: Boot's {@code RestClient.Builder} (so Boot's converters, observations
 * and customizers apply) with the Corti base URL, the token interceptor and {@link CortiRestClientCustomizer}s. It
 * is not a default candidate, so applications that inject their own {@code RestClient} by type are unaffected.
 */
@AutoConfiguration(after = CortiAutoConfiguration.class,
		afterName = "org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration")
@ConditionalOnClass({ RestClient.class, ClientHttpRequestFactoryBuilder.class })
@ConditionalOnBean(CortiTokenService.class)
public final class CortiRestClientAutoConfiguration {

	@Bean(defaultCandidate = false)
	@ConditionalOnMissingBean(name = "cortiRestClient")
	RestClient cortiRestClient(CortiProperties properties, CortiTokenService cortiTokenService,
			CortiHttpClients cortiHttpClients, ObjectProvider<RestClient.Builder> restClientBuilder,
			ObjectProvider<ClientHttpRequestFactoryBuilder<?>> requestFactoryBuilder,
			ObjectProvider<CortiRestClientCustomizer> customizers, ResourceLoader resourceLoader) {
		CortiEndpoints endpoints = CortiEndpoints.of(properties);
		CortiProperties.Http http = properties.getHttp();
		RestClient.Builder builder = restClientBuilder.getIfAvailable(RestClient::builder)
			.requestFactory(cortiHttpClients.requestFactory(
					requestFactoryBuilder
						.getIfAvailable(() -> ClientHttpRequestFactoryBuilder.detect(resourceLoader.getClassLoader())),
					CortiPropertyChecks.requirePositive(http.getConnectTimeout(), "corti.http.connect-timeout"),
					CortiPropertyChecks.requirePositive(http.getReadTimeout(), "corti.http.read-timeout"), true))
			.baseUrl(endpoints.baseUrl().toString())
			.requestInterceptor(new CortiAuthInterceptor(cortiTokenService, endpoints.tenantName(), endpoints.baseUrl()));
		customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
		return builder.build();
	}

}
