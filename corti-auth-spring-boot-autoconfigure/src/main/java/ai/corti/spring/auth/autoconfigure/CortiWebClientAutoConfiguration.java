package ai.corti.spring.auth.autoconfigure;

import ai.corti.spring.auth.CortiAuthFilter;
import ai.corti.spring.auth.CortiTokenService;
import ai.corti.spring.auth.CortiWebClientCustomizer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.core.io.ResourceLoader;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Auto-configuration of {@code cortiWebClient}: Boot's {@code WebClient.Builder} (so Boot's codecs, observations and
 * customizers apply) with a connector on the Corti connection pool, the Corti base URL, the token filter and
 * {@link CortiWebClientCustomizer}s. It is not a default candidate, so applications that inject their own
 * {@code WebClient} by type are unaffected.
 */
@AutoConfiguration(after = CortiAutoConfiguration.class,
		afterName = { "org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration",
				"org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration" })
@ConditionalOnClass({ WebClient.class, ClientHttpConnectorBuilder.class })
@ConditionalOnBean(CortiTokenService.class)
public final class CortiWebClientAutoConfiguration {

	@Bean(defaultCandidate = false)
	@ConditionalOnMissingBean(name = "cortiWebClient")
	WebClient cortiWebClient(CortiProperties properties, CortiTokenService cortiTokenService,
			CortiHttpClients cortiHttpClients, ObjectProvider<WebClient.Builder> webClientBuilder,
			ObjectProvider<ClientHttpConnectorBuilder<?>> connectorBuilder,
			ObjectProvider<CortiWebClientCustomizer> customizers, ResourceLoader resourceLoader) {
		CortiEndpoints endpoints = CortiEndpoints.of(properties);
		CortiProperties.Http http = properties.getHttp();
		WebClient.Builder builder = webClientBuilder.getIfAvailable(WebClient::builder)
			.clientConnector(cortiHttpClients.connector(
					connectorBuilder
						.getIfAvailable(() -> ClientHttpConnectorBuilder.detect(resourceLoader.getClassLoader())),
					CortiPropertyChecks.requirePositive(http.getConnectTimeout(), "corti.http.connect-timeout"),
					CortiPropertyChecks.requirePositive(http.getReadTimeout(), "corti.http.read-timeout")))
			.baseUrl(endpoints.baseUrl().toString())
			.filter(new CortiAuthFilter(cortiTokenService, endpoints.tenantName(), endpoints.baseUrl()));
		customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
		return builder.build();
	}

}
