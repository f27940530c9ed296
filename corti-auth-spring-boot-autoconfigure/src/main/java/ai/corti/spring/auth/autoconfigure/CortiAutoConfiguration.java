package ai.corti.spring.auth.autoconfigure;

import ai.corti.spring.auth.CortiApiRetries;
import ai.corti.spring.auth.CortiFrontendTokens;
import ai.corti.spring.auth.CortiTokenFetchObservationConvention;
import ai.corti.spring.auth.CortiTokenProvider;
import ai.corti.spring.auth.CortiTokenService;
import ai.corti.spring.auth.CortiWebSocketUrls;
import io.micrometer.observation.ObservationRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;
import reactor.netty.resources.ConnectionProvider;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.io.ResourceLoader;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.util.StringUtils;
import org.springframework.web.client.RestClient;

/**
 * Auto-configuration of the {@code corti} client registration and the shared
 * {@link CortiTokenService}. The token endpoint is called through a {@code RestClient}
 * built from Boot's builder, with Boot's HTTP client settings and {@code corti.token.*}
 * timeouts, and without the token interceptor.
 * <p>
 * At startup only the settings, the identity and the HTTP clients' fit to
 * {@code corti.http.*} are checked; the registration, the token service, its HTTP client,
 * the WebSocket URLs and the front-end tokens are lazy beans, made when first needed (by
 * the first call or the prefetch once the application is ready).
 *
 * @since 0.1.0
 */
@AutoConfiguration(afterName = { "org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration",
		"org.springframework.boot.http.client.autoconfigure.imperative.ImperativeHttpClientAutoConfiguration",
		"org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration" })
@ConditionalOnClass({ ClientRegistration.class, RestClient.class, ClientHttpRequestFactoryBuilder.class })
@ConditionalOnBooleanProperty(name = "corti.enabled", matchIfMissing = true)
@EnableConfigurationProperties(CortiProperties.class)
public final class CortiAutoConfiguration {

	private static final Log logger = LogFactory.getLog(CortiAutoConfiguration.class);

	/**
	 * The HTTP clients with Corti's settings. The clients themselves are built on first
	 * use; whether the HTTP clients Boot chose can honour {@code corti.http.*} is checked
	 * now, so that a wrong setting fails startup.
	 * @param properties the Corti properties
	 * @param settings the HTTP client settings from Boot
	 * @param pool the shared Reactor Netty pool, with Reactor Netty on the class path
	 * @param requestFactoryBuilder the builder of blocking HTTP clients Boot chose
	 * @param connectorBuilder the builder of reactive HTTP clients Boot chose
	 * @param resourceLoader the class loader's holder, to detect an HTTP client
	 * @return the HTTP clients
	 */
	@Bean
	@ConditionalOnMissingBean
	CortiHttpClients cortiHttpClients(CortiProperties properties, ObjectProvider<HttpClientSettings> settings,
			ObjectProvider<CortiConnectionPool> pool,
			ObjectProvider<ClientHttpRequestFactoryBuilder<?>> requestFactoryBuilder,
			ObjectProvider<ClientHttpConnectorBuilder<?>> connectorBuilder, ResourceLoader resourceLoader) {
		CortiConnectionPool connectionPool = pool.getIfAvailable();
		CortiHttpClients httpClients = new CortiHttpClients(settings.getIfAvailable(HttpClientSettings::defaults),
				properties.getHttp().getProxy(), connectionPool);
		ClassLoader classLoader = resourceLoader.getClassLoader();
		httpClients.check(
				requestFactoryBuilder.getIfAvailable(() -> ClientHttpRequestFactoryBuilder.detect(classLoader)),
				() -> CortiHttpClients.isWebClientPresent(classLoader)
						? connectorBuilder.getIfAvailable(() -> ClientHttpConnectorBuilder.detect(classLoader)) : null,
				properties.getHttp().getConnectTimeout(), properties.getHttp().getReadTimeout());
		return httpClients;
	}

	@Bean
	@ConditionalOnMissingBean
	CortiTokenRenewals cortiTokenRenewals() {
		return new CortiTokenRenewals();
	}

	@Bean
	@ConditionalOnMissingBean(CortiConnectionDetails.class)
	@Conditional(CortiClientConditions.OnDefaultClient.class)
	PropertiesCortiConnectionDetails cortiConnectionDetails(CortiProperties properties) {
		return new PropertiesCortiConnectionDetails(properties);
	}

	@Bean
	@Lazy
	@ConditionalOnMissingBean
	@Conditional(CortiClientConditions.OnDefaultClient.class)
	CortiTokenServiceFactory cortiTokenServiceFactory(CortiProperties properties,
			CortiConnectionDetails cortiConnectionDetails, CortiHttpClients cortiHttpClients,
			ObjectProvider<RestClient.Builder> restClientBuilder,
			ObjectProvider<ClientHttpRequestFactoryBuilder<?>> requestFactoryBuilder,
			ObjectProvider<ObservationRegistry> observationRegistry,
			ObjectProvider<CortiTokenFetchObservationConvention> tokenFetchConvention,
			CortiTokenRenewals cortiTokenRenewals, ResourceLoader resourceLoader) {
		return CortiClientParts.tokenServiceFactory(properties, cortiConnectionDetails, cortiHttpClients,
				() -> requestFactoryBuilder
					.getIfAvailable(() -> ClientHttpRequestFactoryBuilder.detect(resourceLoader.getClassLoader())),
				() -> restClientBuilder.getIfAvailable(RestClient::builder).clone(),
				observationRegistry.getIfAvailable(() -> ObservationRegistry.NOOP), tokenFetchConvention.getIfUnique(),
				cortiTokenRenewals);
	}

	@Bean
	@Lazy
	@ConditionalOnMissingBean
	CortiApiRetries cortiApiRetries(CortiProperties properties,
			ObjectProvider<ObservationRegistry> observationRegistry) {
		return CortiClientParts.apiRetries(properties, CortiClientRegistrationMapper.REGISTRATION_ID,
				observationRegistry.getIfAvailable(() -> ObservationRegistry.NOOP));
	}

	@Bean
	@ConditionalOnBooleanProperty(name = "corti.token.prefetch", matchIfMissing = true)
	CortiTokenPrefetch cortiTokenPrefetch(ObjectProvider<CortiTokenProvider> tokenServices,
			ObjectProvider<CortiClients> namedClients) {
		return new CortiTokenPrefetch(tokenServices, namedClients);
	}

	/**
	 * The registration and token service; an application that brings its own token
	 * service needs neither. Both are made on first use. The identity they need is
	 * checked once the singletons are made, so that a wrong or missing setting still
	 * fails startup: by {@link RegistrationConfiguration} for the starter's registration,
	 * and here for a registration of the application's own, which must find a secret.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingBean(CortiTokenProvider.class)
	@Conditional(CortiClientConditions.OnDefaultClient.class)
	static class TokenServiceConfiguration implements SmartInitializingSingleton {

		private final ObjectProvider<ClientRegistration> registration;

		private final ObjectProvider<RegistrationConfiguration> ownRegistration;

		private final ObjectProvider<CortiConnectionDetails> connectionDetails;

		TokenServiceConfiguration(@Qualifier("cortiClientRegistration") ObjectProvider<ClientRegistration> registration,
				ObjectProvider<RegistrationConfiguration> ownRegistration,
				ObjectProvider<CortiConnectionDetails> connectionDetails) {
			this.registration = registration;
			this.ownRegistration = ownRegistration;
			this.connectionDetails = connectionDetails;
		}

		@Override
		public void afterSingletonsInstantiated() {
			if (this.ownRegistration.getIfAvailable() != null) {
				return;
			}
			ClientRegistration cortiClientRegistration = this.registration.getIfAvailable();
			CortiConnectionDetails details = this.connectionDetails.getIfUnique();
			if (cortiClientRegistration != null && !StringUtils.hasText(cortiClientRegistration.getClientSecret())
					&& details != null) {
				details.getClientSecret();
			}
		}

		@Bean
		@Lazy
		@ConditionalOnMissingBean
		CortiFrontendTokens cortiFrontendTokens(
				@Qualifier("cortiClientRegistration") ClientRegistration cortiClientRegistration,
				CortiTokenServiceFactory cortiTokenServiceFactory) {
			return new CortiFrontendTokens(
					() -> cortiTokenServiceFactory.createScoped(cortiClientRegistration, "streams"),
					() -> cortiTokenServiceFactory.createScoped(cortiClientRegistration, "transcribe"));
		}

		@Bean
		@Lazy
		CortiTokenService cortiTokenService(
				@Qualifier("cortiClientRegistration") ClientRegistration cortiClientRegistration,
				CortiTokenServiceFactory cortiTokenServiceFactory) {
			return cortiTokenServiceFactory.create(cortiClientRegistration);
		}

		/**
		 * The starter's {@code corti} registration, unless the application has its own.
		 */
		@Configuration(proxyBeanMethods = false)
		@ConditionalOnMissingBean(name = "cortiClientRegistration")
		static class RegistrationConfiguration implements SmartInitializingSingleton {

			private final CortiProperties properties;

			private final ObjectProvider<CortiConnectionDetails> connectionDetails;

			RegistrationConfiguration(CortiProperties properties,
					ObjectProvider<CortiConnectionDetails> connectionDetails) {
				this.properties = properties;
				this.connectionDetails = connectionDetails;
			}

			/**
			 * Checks the identity the registration will be made from, and says which
			 * Corti API it is for.
			 */
			@Override
			public void afterSingletonsInstantiated() {
				CortiConnectionDetails details = this.connectionDetails.getObject();
				CortiClientRegistrationMapper.check(this.properties, details);
				if (!logger.isInfoEnabled()) {
					return;
				}
				String environment = StringUtils.hasText(this.properties.getEnvironment())
						? this.properties.getEnvironment() : "(not set)";
				logger.info("Corti API client: environment " + environment + ", tenant " + details.getTenantName()
						+ ", token endpoint host " + details.getTokenUri().getHost() + ", API " + details.getBaseUrl());
			}

			@Bean(defaultCandidate = false)
			@Lazy
			ClientRegistration cortiClientRegistration(CortiProperties properties,
					CortiConnectionDetails cortiConnectionDetails) {
				return CortiClientRegistrationMapper.map(properties, cortiConnectionDetails);
			}

		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(Mono.class)
	@Conditional(CortiClientConditions.OnDefaultClient.class)
	static class WebSocketConfiguration {

		@Bean
		@Lazy
		@ConditionalOnMissingBean
		CortiWebSocketUrls cortiWebSocketUrls(CortiProperties properties, CortiTokenProvider cortiTokenProvider,
				CortiConnectionDetails cortiConnectionDetails,
				@Qualifier("cortiClientRegistration") ObjectProvider<ClientRegistration> registration,
				CortiTokenServiceFactory cortiTokenServiceFactory) {
			String tenantName = cortiConnectionDetails.getTenantName();
			ClientRegistration cortiClientRegistration = registration.getIfAvailable();
			if (!properties.getWebsocket().isScopedTokens() || cortiClientRegistration == null) {
				return new CortiWebSocketUrls(cortiTokenProvider, null, null, tenantName,
						cortiConnectionDetails.getBaseUrl());
			}
			return new CortiWebSocketUrls(cortiTokenProvider,
					cortiTokenServiceFactory.createScoped(cortiClientRegistration, "streams"),
					cortiTokenServiceFactory.createScoped(cortiClientRegistration, "transcribe"), tenantName,
					cortiConnectionDetails.getBaseUrl());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(ConnectionProvider.class)
	static class ReactorNettyPoolConfiguration {

		@Bean
		@ConditionalOnMissingBean
		CortiConnectionPool cortiConnectionPool(CortiProperties properties) {
			return new CortiConnectionPool(() -> CortiHttpClients.Reactor.connectionProvider(properties.getHttp()));
		}

	}

}
