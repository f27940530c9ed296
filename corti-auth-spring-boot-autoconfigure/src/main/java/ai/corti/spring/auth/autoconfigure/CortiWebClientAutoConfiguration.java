package ai.corti.spring.auth.autoconfigure;

import ai.corti.spring.auth.CortiApiRetries;
import ai.corti.spring.auth.CortiTokenProvider;
import ai.corti.spring.auth.CortiWebClientCustomizer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.context.annotation.Scope;
import org.springframework.core.io.ResourceLoader;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.support.WebClientHttpServiceGroupConfigurer;

/**
 * Auto-configuration of {@code cortiWebClient} and of WebClient-backed HTTP service
 * groups named {@code corti}: Boot's {@code WebClient.Builder} (so Boot's codecs,
 * observations and customizers apply) with a connector on the Corti connection pool, the
 * Corti base URL, the token filter and {@link CortiWebClientCustomizer}s.
 * {@code cortiWebClient} is not a default candidate, so applications that inject their
 * own {@code WebClient} by type are unaffected.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = CortiAutoConfiguration.class,
		afterName = { "org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration",
				"org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration" })
@ConditionalOnClass({ WebClient.class, ClientHttpConnectorBuilder.class })
@ConditionalOnBean(CortiTokenProvider.class)
public final class CortiWebClientAutoConfiguration {

	/**
	 * The configurer of Corti WebClients, made when first needed (by the first call of
	 * {@code cortiWebClient}, a {@code cortiWebClientBuilder} or an HTTP service group),
	 * not at startup.
	 * @param properties the Corti properties
	 * @param cortiConnectionDetails where and as whom to connect
	 * @param cortiTokenProvider the token provider
	 * @param cortiApiRetries the retries of API calls
	 * @param cortiHttpClients the HTTP clients with Corti's settings
	 * @param connectorBuilder the builder of HTTP clients Boot chose, if any
	 * @param customizers the customizers of Corti WebClients
	 * @param resourceLoader the class loader's holder, to detect an HTTP client
	 * @return the configurer
	 */
	@Bean
	@Lazy
	@ConditionalOnMissingBean
	CortiWebClientBuilderConfigurer cortiWebClientBuilderConfigurer(CortiProperties properties,
			CortiConnectionDetails cortiConnectionDetails, CortiTokenProvider cortiTokenProvider,
			CortiApiRetries cortiApiRetries, CortiHttpClients cortiHttpClients,
			ObjectProvider<ClientHttpConnectorBuilder<?>> connectorBuilder,
			ObjectProvider<CortiWebClientCustomizer> customizers, ResourceLoader resourceLoader) {
		return CortiClientParts.webClientConfigurer(properties, cortiConnectionDetails, cortiTokenProvider,
				cortiApiRetries, cortiHttpClients,
				connectorBuilder
					.getIfAvailable(() -> ClientHttpConnectorBuilder.detect(resourceLoader.getClassLoader())),
				customizers.orderedStream().toList());
	}

	/**
	 * A new Corti-configured builder per injection point, for more Corti clients; not a
	 * default candidate, so injecting {@code WebClient.Builder} by type still gives
	 * Boot's.
	 * @param configurer the configurer of Corti clients
	 * @param webClientBuilder the provider of Boot's builder, which is cloned
	 * ({@code WebClient.builder()} without one)
	 * @return the configured builder
	 */
	@Bean(defaultCandidate = false)
	@Scope(ConfigurableBeanFactory.SCOPE_PROTOTYPE)
	@ConditionalOnMissingBean(name = "cortiWebClientBuilder")
	WebClient.Builder cortiWebClientBuilder(CortiWebClientBuilderConfigurer configurer,
			ObjectProvider<WebClient.Builder> webClientBuilder) {
		return configurer.configure(webClientBuilder.getIfAvailable(WebClient::builder).clone());
	}

	/**
	 * The Corti WebClient, built with Boot's builder on its first call.
	 * @param configurer the configurer of Corti clients, made on that call
	 * @param webClientBuilder the provider of Boot's builder, which is cloned
	 * ({@code WebClient.builder()} without one)
	 * @return the client
	 */
	@Bean(defaultCandidate = false)
	@ConditionalOnMissingBean(name = "cortiWebClient")
	WebClient cortiWebClient(ObjectProvider<CortiWebClientBuilderConfigurer> configurer,
			ObjectProvider<WebClient.Builder> webClientBuilder) {
		return new LazyWebClient(() -> configurer.getObject()
			.configure(webClientBuilder.getIfAvailable(WebClient::builder).clone())
			.build());
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(WebClientHttpServiceGroupConfigurer.class)
	static class HttpServiceGroupConfiguration {

		/**
		 * Runs after Boot's group configurers, so the Corti settings win for the
		 * {@code corti} group.
		 * @param configurer the configurer of Corti clients, made when a group needs it
		 * @return the configurer of the {@code corti} group
		 */
		@Bean
		@ConditionalOnMissingBean(name = "cortiWebClientHttpServiceGroupConfigurer")
		WebClientHttpServiceGroupConfigurer cortiWebClientHttpServiceGroupConfigurer(
				ObjectProvider<CortiWebClientBuilderConfigurer> configurer) {
			return (groups) -> groups.filterByName(CortiClientRegistrationMapper.REGISTRATION_ID)
				.forEachClient((group, builder) -> configurer.getObject().configure(builder));
		}

	}

}
