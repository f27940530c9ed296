package ai.corti.spring.auth.autoconfigure;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import ai.corti.spring.auth.CortiApiRetries;
import ai.corti.spring.auth.CortiConfigurationException;
import ai.corti.spring.auth.CortiFrontendTokens;
import ai.corti.spring.auth.CortiRestClientCustomizer;
import ai.corti.spring.auth.CortiTokenFetchObservationConvention;
import ai.corti.spring.auth.CortiTokenService;
import ai.corti.spring.auth.CortiWebClientCustomizer;
import ai.corti.spring.auth.CortiWebSocketUrls;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.support.AutowireCandidateQualifier;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.BindContext;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.util.function.SingletonSupplier;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.support.RestClientHttpServiceGroupConfigurer;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.support.WebClientHttpServiceGroupConfigurer;

/**
 * Auto-configuration of named Corti clients ({@code corti.clients.<name>}): for each, a
 * registration {@code corti-<name>}, token service, retries, {@code RestClient},
 * {@code WebClient}, WebSocket URLs and front-end tokens, built by the same code as the
 * top-level client. They are reachable from the {@link CortiClients} bean, and each
 * client's {@code RestClient} and {@code WebClient} are beans with the qualifier
 * {@code corti-<name>} (not default candidates). HTTP service groups named
 * {@code corti-<name>} are configured like the client.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = CortiAutoConfiguration.class,
		afterName = { "org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration",
				"org.springframework.boot.http.client.autoconfigure.imperative.ImperativeHttpClientAutoConfiguration",
				"org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration",
				"org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration",
				"org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration" })
@ConditionalOnClass({ ClientRegistration.class, RestClient.class, ClientHttpRequestFactoryBuilder.class,
		WebClient.class, ClientHttpConnectorBuilder.class, Mono.class })
@ConditionalOnBooleanProperty(name = "corti.enabled", matchIfMissing = true)
@Conditional(CortiClientConditions.OnNamedClients.class)
@EnableConfigurationProperties(CortiProperties.class)
public final class CortiClientsAutoConfiguration {

	/**
	 * A client name: it becomes part of bean qualifiers, registration ids and meter tags.
	 */
	private static final Pattern NAME = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?");

	/**
	 * Names whose registration id is that of a scoped token service
	 * ({@code corti-streams}, {@code corti-us-streams}).
	 */
	private static final Pattern SCOPED = Pattern.compile("(.*-)?(streams|transcribe)");

	private static final ConfigurationPropertyName CLIENTS = ConfigurationPropertyName.of("corti.clients");

	/** Binds the top-level settings without the named clients under them. */
	private static final BindHandler SKIP_CLIENTS = new BindHandler() {

		@Override
		public <T> @Nullable Bindable<T> onStart(ConfigurationPropertyName name, Bindable<T> target,
				BindContext context) {
			return CLIENTS.equals(name) ? null : target;
		}

	};

	/** A top-level property name in a message, to be shown as the named client's. */
	private static final Pattern PROPERTY = Pattern.compile("(?<![\\w.-])corti\\.(?!clients\\.|app\\b)");

	@Bean
	@ConditionalOnMissingBean
	CortiClients cortiClients(Environment environment, ObjectProvider<HttpClientSettings> settings,
			ObjectProvider<CortiConnectionPool> pool, ObjectProvider<ClientHttpRequestFactoryBuilder<?>> requestFactory,
			ObjectProvider<ClientHttpConnectorBuilder<?>> connector, ObjectProvider<RestClient.Builder> restClient,
			ObjectProvider<WebClient.Builder> webClient, ObjectProvider<CortiRestClientCustomizer> restCustomizers,
			ObjectProvider<CortiWebClientCustomizer> webCustomizers,
			ObjectProvider<ObservationRegistry> observationRegistry,
			ObjectProvider<CortiTokenFetchObservationConvention> tokenFetchConvention, CortiTokenRenewals renewals,
			ResourceLoader resourceLoader) {
		CortiConnectionPool connectionPool = pool.getIfAvailable();
		// Boot's builders and the customizers are looked up when a client is first
		// built, not at startup.
		Parts shared = new Parts(settings.getIfAvailable(HttpClientSettings::defaults), connectionPool,
				SingletonSupplier.of(() -> requestFactory
					.getIfAvailable(() -> ClientHttpRequestFactoryBuilder.detect(resourceLoader.getClassLoader()))),
				SingletonSupplier.of(() -> connector
					.getIfAvailable(() -> ClientHttpConnectorBuilder.detect(resourceLoader.getClassLoader()))),
				SingletonSupplier.of(() -> restClient.getIfAvailable(RestClient::builder)),
				SingletonSupplier.of(() -> webClient.getIfAvailable(WebClient::builder)),
				SingletonSupplier.of(() -> restCustomizers.orderedStream().toList()),
				SingletonSupplier.of(() -> webCustomizers.orderedStream().toList()),
				observationRegistry.getIfAvailable(() -> ObservationRegistry.NOOP), tokenFetchConvention.getIfUnique(),
				renewals);
		Binder binder = Binder.get(environment);
		Map<String, CortiClient> clients = new LinkedHashMap<>();
		List<CortiTokenServiceFactory> factories = new ArrayList<>();
		for (String name : CortiClientConditions.namedClients(environment)) {
			if (!NAME.matcher(name).matches()) {
				throw new CortiConfigurationException("corti.clients." + name,
						"names a client '" + name + "', which is not a client name (allowed: lower-case letters, "
								+ "digits and '-', starting and ending with a letter or digit)",
						"Rename it, for example corti.clients.us.");
			}
			if (SCOPED.matcher(name).matches()) {
				throw new CortiConfigurationException("corti.clients." + name,
						"names a client '" + name + "', which would share its registration id (corti-" + name
								+ ") with the scoped token service of another client",
						"Rename it so that it neither is nor ends in 'streams' or 'transcribe', for example "
								+ "corti.clients.us.");
			}
			try {
				clients.put(name, client(name, resolve(binder, name), shared, factories));
			}
			catch (CortiConfigurationException ex) {
				throw new CortiConfigurationException(ofClient(ex.getProperty(), name), ofClient(ex.getProblem(), name),
						ofClient(ex.getAction(), name));
			}
		}
		return new CortiClients(clients, factories);
	}

	/**
	 * The top-level settings, then the named client's keys on top; the identity is never
	 * inherited.
	 * @param binder the binder of the environment
	 * @param name the name of the client
	 * @return the properties of the client
	 */
	static CortiProperties resolve(Binder binder, String name) {
		CortiProperties properties = new CortiProperties();
		binder.bind("corti", Bindable.ofInstance(properties), SKIP_CLIENTS);
		properties.clearIdentity();
		binder.bind("corti.clients." + name, Bindable.ofInstance(properties));
		properties.validate();
		return properties;
	}

	private static CortiClient client(String name, CortiProperties properties, Parts shared,
			List<CortiTokenServiceFactory> factories) {
		String registrationId = CortiClients.registrationId(name);
		CortiConnectionDetails details = new PropertiesCortiConnectionDetails(properties);
		CortiHttpClients httpClients = new CortiHttpClients(shared.settings(), properties.getHttp().getProxy(),
				shared.connectionProvider());
		httpClients.check(shared.requestFactory().get(), shared.connector(), properties.getHttp().getConnectTimeout(),
				properties.getHttp().getReadTimeout());
		CortiTokenServiceFactory factory = CortiClientParts.tokenServiceFactory(properties, details, httpClients,
				shared.requestFactory(), () -> shared.restClient().get().clone(), shared.observationRegistry(),
				shared.tokenFetchConvention(), shared.renewals());
		factories.add(factory);
		// The identity is checked now; the registration and everything else are made when
		// first needed.
		CortiClientRegistrationMapper.check(properties, details);
		SingletonSupplier<ClientRegistration> registration = SingletonSupplier
			.of(() -> CortiClientRegistrationMapper.map(properties, details, registrationId));
		SingletonSupplier<CortiTokenService> tokens = SingletonSupplier
			.of(() -> factory.createOwned(registration.obtain()));
		SingletonSupplier<CortiApiRetries> retries = SingletonSupplier
			.of(() -> CortiClientParts.apiRetries(properties, registrationId, shared.observationRegistry()));
		SingletonSupplier<CortiRestClientBuilderConfigurer> restConfigurer = SingletonSupplier
			.of(() -> CortiClientParts.restClientConfigurer(properties, details, tokens.obtain(), retries.obtain(),
					httpClients, shared.requestFactory().get(), shared.restCustomizers().get()));
		SingletonSupplier<CortiWebClientBuilderConfigurer> webConfigurer = SingletonSupplier
			.of(() -> CortiClientParts.webClientConfigurer(properties, details, tokens.obtain(), retries.obtain(),
					httpClients, shared.connector().get(), shared.webCustomizers().get()));
		boolean scoped = properties.getWebsocket().isScopedTokens();
		SingletonSupplier<CortiWebSocketUrls> webSocketUrls = SingletonSupplier
			.of(() -> new CortiWebSocketUrls(tokens.obtain(),
					scoped ? factory.createScoped(registration.obtain(), "streams") : null,
					scoped ? factory.createScoped(registration.obtain(), "transcribe") : null, details.getTenantName(),
					details.getBaseUrl()));
		return new CortiClient(name, tokens, restConfigurer,
				new LazyRestClient(() -> restConfigurer.obtain().configure(shared.restClient().get().clone()).build()),
				webConfigurer,
				new LazyWebClient(() -> webConfigurer.obtain().configure(shared.webClient().get().clone()).build()),
				webSocketUrls, new CortiFrontendTokens(() -> factory.createScoped(registration.obtain(), "streams"),
						() -> factory.createScoped(registration.obtain(), "transcribe")));
	}

	private static String ofClient(String text, String name) {
		return PROPERTY.matcher(text).replaceAll("corti.clients." + name + ".");
	}

	/**
	 * Registers each named client's {@code RestClient} and {@code WebClient} with the
	 * qualifier {@code corti-<name>}.
	 * @param environment the environment that lists the named clients
	 * @return the post-processor that registers the beans
	 */
	@Bean
	static BeanDefinitionRegistryPostProcessor cortiClientBeans(Environment environment) {
		return (registry) -> {
			for (String name : CortiClientConditions.namedClients(environment)) {
				String registrationId = CortiClients.registrationId(name);
				register(registry, registrationId + "-restClient", RestClient.class, registrationId,
						(clients) -> clients.get(name).getRestClient());
				register(registry, registrationId + "-webClient", WebClient.class, registrationId,
						(clients) -> clients.get(name).getWebClient());
			}
		};
	}

	private static <T> void register(BeanDefinitionRegistry registry, String beanName, Class<T> type, String qualifier,
			java.util.function.Function<CortiClients, T> instance) {
		RootBeanDefinition definition = new RootBeanDefinition(type);
		definition.setInstanceSupplier(() -> instance.apply(((BeanFactory) registry).getBean(CortiClients.class)));
		definition.setDefaultCandidate(false);
		definition.addQualifier(new AutowireCandidateQualifier(Qualifier.class, qualifier));
		registry.registerBeanDefinition(beanName, definition);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(RestClientHttpServiceGroupConfigurer.class)
	static class RestClientGroups {

		/**
		 * HTTP service groups named {@code corti-<name>} get that client's configuration.
		 * @param clients the named clients
		 * @return the configurer of their groups
		 */
		@Bean
		RestClientHttpServiceGroupConfigurer cortiClientsRestClientHttpServiceGroupConfigurer(CortiClients clients) {
			return (groups) -> clients.names()
				.forEach((name) -> groups.filterByName(CortiClients.registrationId(name))
					.forEachClient((group, builder) -> clients.get(name).getRestClientConfigurer().configure(builder)));
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(WebClientHttpServiceGroupConfigurer.class)
	static class WebClientGroups {

		/**
		 * HTTP service groups named {@code corti-<name>} get that client's configuration.
		 * @param clients the named clients
		 * @return the configurer of their groups
		 */
		@Bean
		WebClientHttpServiceGroupConfigurer cortiClientsWebClientHttpServiceGroupConfigurer(CortiClients clients) {
			return (groups) -> clients.names()
				.forEach((name) -> groups.filterByName(CortiClients.registrationId(name))
					.forEachClient((group, builder) -> {
						CortiWebClientBuilderConfigurer configurer = clients.get(name).webClientConfigurer();
						if (configurer != null) {
							configurer.configure(builder);
						}
					}));
		}

	}

	/**
	 * What every named client shares: Boot's HTTP settings and builders, the pool,
	 * customizers, observations.
	 */
	private record Parts(HttpClientSettings settings, @Nullable Object connectionProvider,
			Supplier<ClientHttpRequestFactoryBuilder<?>> requestFactory,
			Supplier<ClientHttpConnectorBuilder<?>> connector, Supplier<RestClient.Builder> restClient,
			Supplier<WebClient.Builder> webClient, Supplier<List<CortiRestClientCustomizer>> restCustomizers,
			Supplier<List<CortiWebClientCustomizer>> webCustomizers, ObservationRegistry observationRegistry,
			@Nullable CortiTokenFetchObservationConvention tokenFetchConvention, CortiTokenRenewals renewals) {
	}

}
