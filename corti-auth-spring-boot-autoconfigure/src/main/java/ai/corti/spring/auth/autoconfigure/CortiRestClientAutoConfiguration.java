package ai.corti.spring.auth.autoconfigure;

import ai.corti.spring.auth.CortiApiRetries;
import ai.corti.spring.auth.CortiRestClientCustomizer;
import ai.corti.spring.auth.CortiTokenProvider;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.context.annotation.Scope;
import org.springframework.core.io.ResourceLoader;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.support.RestClientHttpServiceGroupConfigurer;

/**
 * Auto-configuration of {@code cortiRestClient} and of RestClient-backed HTTP service
 * groups named {@code corti}: Boot's {@code RestClient.Builder} (so Boot's converters,
 * observations and customizers apply) with the Corti base URL, the token interceptor and
 * {@link CortiRestClientCustomizer}s. {@code cortiRestClient} is not a default candidate,
 * so applications that inject their own {@code RestClient} by type are unaffected.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = CortiAutoConfiguration.class,
		afterName = "org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration")
@ConditionalOnClass({ RestClient.class, ClientHttpRequestFactoryBuilder.class })
@ConditionalOnBean(CortiTokenProvider.class)
public final class CortiRestClientAutoConfiguration {

	/**
	 * The configurer of Corti RestClients, made when first needed (by the first call of
	 * {@code cortiRestClient}, a {@code cortiRestClientBuilder} or an HTTP service
	 * group), not at startup.
	 * @param properties the Corti properties
	 * @param cortiConnectionDetails where and as whom to connect
	 * @param cortiTokenProvider the token provider
	 * @param cortiApiRetries the retries of API calls
	 * @param cortiHttpClients the HTTP clients with Corti's settings
	 * @param requestFactoryBuilder the builder of HTTP clients Boot chose, if any
	 * @param customizers the customizers of Corti RestClients
	 * @param resourceLoader the class loader's holder, to detect an HTTP client
	 * @return the configurer
	 */
	@Bean
	@Lazy
	@ConditionalOnMissingBean
	CortiRestClientBuilderConfigurer cortiRestClientBuilderConfigurer(CortiProperties properties,
			CortiConnectionDetails cortiConnectionDetails, CortiTokenProvider cortiTokenProvider,
			CortiApiRetries cortiApiRetries, CortiHttpClients cortiHttpClients,
			ObjectProvider<ClientHttpRequestFactoryBuilder<?>> requestFactoryBuilder,
			ObjectProvider<CortiRestClientCustomizer> customizers, ResourceLoader resourceLoader) {
		return CortiClientParts.restClientConfigurer(properties, cortiConnectionDetails, cortiTokenProvider,
				cortiApiRetries, cortiHttpClients,
				requestFactoryBuilder
					.getIfAvailable(() -> ClientHttpRequestFactoryBuilder.detect(resourceLoader.getClassLoader())),
				customizers.orderedStream().toList());
	}

	/**
	 * A new Corti-configured builder per injection point, for more Corti clients; not a
	 * default candidate, so injecting {@code RestClient.Builder} by type still gives
	 * Boot's.
	 * @param configurer the configurer of Corti clients
	 * @param restClientBuilder the provider of Boot's builder, which is cloned
	 * ({@code RestClient.builder()} without one)
	 * @return the configured builder
	 */
	@Bean(defaultCandidate = false)
	@Scope(ConfigurableBeanFactory.SCOPE_PROTOTYPE)
	@ConditionalOnMissingBean(name = "cortiRestClientBuilder")
	RestClient.Builder cortiRestClientBuilder(CortiRestClientBuilderConfigurer configurer,
			ObjectProvider<RestClient.Builder> restClientBuilder) {
		return configurer.configure(restClientBuilder.getIfAvailable(RestClient::builder).clone());
	}

	/**
	 * The Corti RestClient, built with Boot's builder on its first call.
	 * @param configurer the configurer of Corti clients, made on that call
	 * @param restClientBuilder the provider of Boot's builder, which is cloned
	 * ({@code RestClient.builder()} without one)
	 * @return the client
	 */
	@Bean(defaultCandidate = false)
	@ConditionalOnMissingBean(name = "cortiRestClient")
	RestClient cortiRestClient(ObjectProvider<CortiRestClientBuilderConfigurer> configurer,
			ObjectProvider<RestClient.Builder> restClientBuilder) {
		return new LazyRestClient(() -> configurer.getObject()
			.configure(restClientBuilder.getIfAvailable(RestClient::builder).clone())
			.build());
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(RestClientHttpServiceGroupConfigurer.class)
	static class HttpServiceGroupConfiguration {

		/**
		 * Runs after Boot's group configurers, so the Corti settings win for the
		 * {@code corti} group.
		 * @param configurer the configurer of Corti clients, made when a group needs it
		 * @return the configurer of the {@code corti} group
		 */
		@Bean
		@ConditionalOnMissingBean(name = "cortiRestClientHttpServiceGroupConfigurer")
		RestClientHttpServiceGroupConfigurer cortiRestClientHttpServiceGroupConfigurer(
				ObjectProvider<CortiRestClientBuilderConfigurer> configurer) {
			return (groups) -> groups.filterByName(CortiClientRegistrationMapper.REGISTRATION_ID)
				.forEachClient((group, builder) -> configurer.getObject().configure(builder));
		}

	}

}
