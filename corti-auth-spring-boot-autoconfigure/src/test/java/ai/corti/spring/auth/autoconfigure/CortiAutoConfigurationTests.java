package ai.corti.spring.auth.autoconfigure;

import java.util.List;

import ai.corti.spring.auth.CortiConfigurationException;
import ai.corti.spring.auth.CortiRestClientCustomizer;
import ai.corti.spring.auth.CortiTokenService;
import ai.corti.spring.auth.CortiWebClientCustomizer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.imperative.ImperativeHttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.client.autoconfigure.OAuth2ClientAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

class CortiAutoConfigurationTests {

	private static final String SECRET = "s3cr3t-value-never-shown";

	private static final AutoConfigurations AUTO_CONFIGURATIONS = AutoConfigurations.of(CortiAutoConfiguration.class,
			CortiRestClientAutoConfiguration.class, CortiWebClientAutoConfiguration.class,
			HttpClientAutoConfiguration.class, ImperativeHttpClientAutoConfiguration.class,
			ReactiveHttpClientAutoConfiguration.class, RestClientAutoConfiguration.class,
			WebClientAutoConfiguration.class);

	private static final String[] PROPERTIES = { "corti.environment=eu", "corti.tenant-name=base",
			"corti.client-id=my-client", "corti.client-secret=" + SECRET };

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AUTO_CONFIGURATIONS)
		.withPropertyValues(PROPERTIES);

	@Test
	void clientRegistrationIsCreatedFromTheFourProperties() {
		this.contextRunner.run((context) -> {
			ClientRegistration registration = context.getBean("cortiClientRegistration", ClientRegistration.class);
			assertThat(registration.getRegistrationId()).isEqualTo("corti");
			assertThat(registration.getClientId()).isEqualTo("my-client");
			assertThat(registration.getAuthorizationGrantType()).isEqualTo(AuthorizationGrantType.CLIENT_CREDENTIALS);
			assertThat(registration.getClientAuthenticationMethod())
				.isEqualTo(ClientAuthenticationMethod.CLIENT_SECRET_POST);
			assertThat(registration.getScopes()).containsExactly("openid");
			assertThat(registration.getProviderDetails().getTokenUri())
				.isEqualTo("https://auth.eu.corti.app/realms/base/protocol/openid-connect/token");
		});
	}

	@Test
	void clientRegistrationDoesNotCarryTheSecret() {
		this.contextRunner.run((context) -> {
			ClientRegistration registration = context.getBean("cortiClientRegistration", ClientRegistration.class);
			assertThat(registration.toString()).doesNotContain(SECRET);
			assertThat(registration.getClientSecret()).isEmpty();
			assertThat(context.getBean(CortiProperties.class).toString()).doesNotContain(SECRET);
			assertThat(context.getBean(CortiTokenService.class).toString()).doesNotContain(SECRET);
		});
	}

	@Test
	void extraScopesFollowOpenidWithoutDuplicates() {
		this.contextRunner.withPropertyValues("corti.scopes=streams,openid,transcribe,streams").run((context) -> {
			ClientRegistration registration = context.getBean("cortiClientRegistration", ClientRegistration.class);
			assertThat(registration.getScopes()).containsExactly("openid", "streams", "transcribe");
		});
	}

	@Test
	void clientSecretBasicCanBeChosen() {
		this.contextRunner.withPropertyValues("corti.token.client-authentication-method=client_secret_basic")
			.run((context) -> assertThat(context.getBean("cortiClientRegistration", ClientRegistration.class)
				.getClientAuthenticationMethod()).isEqualTo(ClientAuthenticationMethod.CLIENT_SECRET_BASIC));
	}

	@Test
	void tokenServiceAndBothClientsAreCreatedInANonWebApplication() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(CortiTokenService.class);
			assertThat(context).hasBean("cortiRestClient").hasBean("cortiWebClient");
			assertThat(context.getBean("cortiRestClient")).isInstanceOf(RestClient.class);
			assertThat(context.getBean("cortiWebClient")).isInstanceOf(WebClient.class);
		});
	}

	@Test
	void bothClientsAreCreatedInAServletApplication() {
		new WebApplicationContextRunner().withConfiguration(AUTO_CONFIGURATIONS)
			.withPropertyValues(PROPERTIES)
			.run((context) -> assertThat(context).hasBean("cortiRestClient").hasBean("cortiWebClient"));
	}

	@Test
	void bothClientsAreCreatedInAReactiveApplication() {
		new ReactiveWebApplicationContextRunner().withConfiguration(AUTO_CONFIGURATIONS)
			.withPropertyValues(PROPERTIES)
			.run((context) -> assertThat(context).hasBean("cortiRestClient").hasBean("cortiWebClient"));
	}

	@Test
	void clientsAreCreatedWithoutBootsClientAutoConfigurations() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(CortiAutoConfiguration.class,
					CortiRestClientAutoConfiguration.class, CortiWebClientAutoConfiguration.class))
			.withPropertyValues(PROPERTIES)
			.run((context) -> assertThat(context).hasBean("cortiRestClient").hasBean("cortiWebClient"));
	}

	@Test
	void nothingIsCreatedWhenDisabled() {
		this.contextRunner.withPropertyValues("corti.enabled=false").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean(CortiTokenService.class);
			assertThat(context).doesNotHaveBean("cortiClientRegistration");
			assertThat(context).doesNotHaveBean("cortiRestClient").doesNotHaveBean("cortiWebClient");
		});
	}

	@Test
	void nothingIsCreatedWithoutSpringSecurityOAuth2Client() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(ClientRegistration.class)).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean(CortiTokenService.class);
			assertThat(context).doesNotHaveBean("cortiRestClient").doesNotHaveBean("cortiWebClient");
		});
	}

	@Test
	void webClientIsAbsentWithoutWebFlux() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(WebClient.class)).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).hasBean("cortiRestClient").doesNotHaveBean("cortiWebClient");
		});
	}

	@Test
	void clientsAreAbsentWithoutBootsHttpClientModule() {
		this.contextRunner
			.withClassLoader(
					new FilteredClassLoader("org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder"))
			.run((context) -> assertThat(context).doesNotHaveBean("cortiRestClient"));
	}

	@Test
	void restClientBacksOffWhenUserDefinesOneNamedCortiRestClient() {
		this.contextRunner.withUserConfiguration(OwnCortiClients.class).run((context) -> {
			assertThat(context.getBean("cortiRestClient")).isSameAs(context.getBean(OwnCortiClients.class).restClient);
			assertThat(context.getBean("cortiWebClient")).isSameAs(context.getBean(OwnCortiClients.class).webClient);
		});
	}

	@Test
	void tokenServiceBacksOffWhenUserDefinesOne() {
		this.contextRunner.withUserConfiguration(OwnTokenService.class).run((context) -> {
			assertThat(context).hasSingleBean(CortiTokenService.class);
			assertThat(context.getBean(CortiTokenService.class))
				.isSameAs(context.getBean(OwnTokenService.class).tokenService);
		});
	}

	@Test
	void tokenServiceDefinedByTheUserNeedsNoCredentialProperties() {
		new ApplicationContextRunner().withConfiguration(AUTO_CONFIGURATIONS)
			.withPropertyValues("corti.environment=eu", "corti.tenant-name=base")
			.withUserConfiguration(OwnTokenService.class)
			.run((context) -> {
				assertThat(context).hasNotFailed().doesNotHaveBean("cortiClientRegistration");
				assertThat(context).hasBean("cortiRestClient").hasBean("cortiWebClient");
			});
	}

	@Test
	void userRegistrationCarryingItsOwnSecretNeedsNoSecretProperty() {
		new ApplicationContextRunner().withConfiguration(AUTO_CONFIGURATIONS)
			.withPropertyValues("corti.environment=eu", "corti.tenant-name=base")
			.withUserConfiguration(OwnRegistration.class)
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(CortiTokenService.class));
	}

	@Test
	void userRegistrationWithoutASecretAndNoSecretPropertyFailsStartupThoughTheTokenServiceIsMadeLater() {
		new ApplicationContextRunner().withConfiguration(AUTO_CONFIGURATIONS)
			.withPropertyValues("corti.environment=eu", "corti.tenant-name=base")
			.withUserConfiguration(OwnRegistrationWithoutSecret.class)
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.isInstanceOf(CortiConfigurationException.class)
				.hasMessageContaining("corti.client-secret is not set"));
	}

	@Test
	void userBuildersDefinedAsSingletonsAreNotModified() {
		this.contextRunner.withUserConfiguration(SingletonBuilders.class).run((context) -> {
			assertThat(context).hasBean("cortiRestClient").hasBean("cortiWebClient");
			SingletonBuilders builders = context.getBean(SingletonBuilders.class);
			builders.rest.requestInterceptors((interceptors) -> assertThat(interceptors).isEmpty());
			builders.web.filters((filters) -> assertThat(filters).isEmpty());
		});
	}

	@Test
	void clientRegistrationBacksOffWhenUserDefinesOne() {
		this.contextRunner.withUserConfiguration(OwnRegistration.class)
			.run((context) -> assertThat(
					context.getBean("cortiClientRegistration", ClientRegistration.class).getClientId())
				.isEqualTo("user-defined"));
	}

	@Test
	void applicationsInjectingTheirOwnClientsByTypeStillStart() {
		this.contextRunner.withUserConfiguration(OwnUnqualifiedClients.class, InjectsByType.class).run((context) -> {
			assertThat(context).hasNotFailed();
			InjectsByType consumer = context.getBean(InjectsByType.class);
			assertThat(consumer.restClient).isSameAs(context.getBean(OwnUnqualifiedClients.class).restClient);
			assertThat(consumer.webClient).isSameAs(context.getBean(OwnUnqualifiedClients.class).webClient);
			assertThat(context.getBean("cortiRestClient")).isNotSameAs(consumer.restClient);
		});
	}

	@Test
	void cortiClientsAreInjectableByQualifier() {
		this.contextRunner.withUserConfiguration(InjectsByQualifier.class).run((context) -> {
			InjectsByQualifier consumer = context.getBean(InjectsByQualifier.class);
			assertThat(consumer.restClient).isSameAs(context.getBean("cortiRestClient"));
			assertThat(consumer.webClient).isSameAs(context.getBean("cortiWebClient"));
		});
	}

	@Test
	void customizersAdjustTheCortiClients() {
		this.contextRunner.withUserConfiguration(Customizers.class).run((context) -> {
			Customizers customizers = context.getBean(Customizers.class);
			// The clients are built on first use.
			assertThat(customizers.restCalls).isEmpty();
			context.getBean("cortiRestClient", RestClient.class).mutate();
			context.getBean("cortiWebClient", WebClient.class).mutate();
			assertThat(customizers.restCalls).containsExactly("first", "second");
			assertThat(customizers.webCalls).containsExactly("web");
		});
	}

	@Test
	void userOAuth2ClientRegistrationsKeepWorking() {
		this.contextRunner.withConfiguration(AutoConfigurations.of(OAuth2ClientAutoConfiguration.class))
			.withPropertyValues("spring.security.oauth2.client.registration.other.client-id=other-id",
					"spring.security.oauth2.client.registration.other.client-secret=other-secret",
					"spring.security.oauth2.client.registration.other.authorization-grant-type=client_credentials",
					"spring.security.oauth2.client.provider.other.token-uri=https://idp.example.com/token")
			.run((context) -> {
				ClientRegistrationRepository repository = context.getBean(ClientRegistrationRepository.class);
				assertThat(repository.findByRegistrationId("other").getClientId()).isEqualTo("other-id");
				assertThat(repository.findByRegistrationId("corti")).isNull();
				assertThat(context).hasSingleBean(CortiTokenService.class);
			});
	}

	@Test
	void userClientRegistrationRepositoryIsLeftAlone() {
		this.contextRunner.withConfiguration(AutoConfigurations.of(OAuth2ClientAutoConfiguration.class))
			.withUserConfiguration(OwnRepository.class)
			.run((context) -> {
				assertThat(context).hasSingleBean(ClientRegistrationRepository.class);
				assertThat(context.getBean(ClientRegistrationRepository.class))
					.isSameAs(context.getBean(OwnRepository.class).repository);
				assertThat(context).hasBean("cortiRestClient");
			});
	}

	@Test
	void userSecurityFilterChainIsLeftAlone() {
		new WebApplicationContextRunner().withConfiguration(AUTO_CONFIGURATIONS)
			.withConfiguration(
					AutoConfigurations.of(SecurityAutoConfiguration.class, ServletWebSecurityAutoConfiguration.class))
			.withPropertyValues(PROPERTIES)
			.withUserConfiguration(OwnSecurity.class)
			.run((context) -> {
				assertThat(context).hasSingleBean(SecurityFilterChain.class);
				assertThat(context.getBean(SecurityFilterChain.class)).isSameAs(context.getBean("ownFilterChain"));
				assertThat(context).hasBean("cortiRestClient").hasBean("cortiWebClient");
			});
	}

	@Test
	void missingClientIdFailsStartupNamingTheProperty() {
		new ApplicationContextRunner().withConfiguration(AUTO_CONFIGURATIONS)
			.withPropertyValues("corti.environment=eu", "corti.tenant-name=base", "corti.client-secret=" + SECRET)
			.run((context) -> {
				assertThat(context).hasFailed();
				// Checked once the singletons are made, so it may be the failure itself.
				assertThat(NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()))
					.isInstanceOf(CortiConfigurationException.class)
					.hasMessageContaining("corti.client-id")
					.satisfies((ex) -> assertThat(ex.getMessage()).doesNotContain(SECRET));
			});
	}

	@Configuration(proxyBeanMethods = false)
	@EnableWebSecurity
	static class OwnSecurity {

		@Bean
		SecurityFilterChain ownFilterChain(HttpSecurity http) {
			return http.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll()).build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnCortiClients {

		final RestClient restClient = RestClient.create();

		final WebClient webClient = WebClient.create();

		@Bean
		RestClient cortiRestClient() {
			return this.restClient;
		}

		@Bean
		WebClient cortiWebClient() {
			return this.webClient;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnUnqualifiedClients {

		final RestClient restClient = RestClient.create();

		final WebClient webClient = WebClient.create();

		@Bean
		RestClient myRestClient() {
			return this.restClient;
		}

		@Bean
		WebClient myWebClient() {
			return this.webClient;
		}

	}

	static class InjectsByType {

		final RestClient restClient;

		final WebClient webClient;

		InjectsByType(RestClient restClient, WebClient webClient) {
			this.restClient = restClient;
			this.webClient = webClient;
		}

	}

	static class InjectsByQualifier {

		final RestClient restClient;

		final WebClient webClient;

		InjectsByQualifier(@Qualifier("cortiRestClient") RestClient restClient,
				@Qualifier("cortiWebClient") WebClient webClient) {
			this.restClient = restClient;
			this.webClient = webClient;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnTokenService {

		final CortiTokenService tokenService = CortiTokenService
			.builder(ClientRegistration.withRegistrationId("own")
				.clientId("own")
				.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
				.tokenUri("https://idp.example.com/token")
				.build(), "own-secret")
			.build();

		@Bean
		CortiTokenService ownTokenService() {
			return this.tokenService;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class SingletonBuilders {

		final RestClient.Builder rest = RestClient.builder();

		final WebClient.Builder web = WebClient.builder();

		@Bean
		RestClient.Builder restClientBuilder() {
			return this.rest;
		}

		@Bean
		WebClient.Builder webClientBuilder() {
			return this.web;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnRegistration {

		@Bean
		ClientRegistration cortiClientRegistration() {
			return ClientRegistration.withRegistrationId("corti")
				.clientId("user-defined")
				.clientSecret("user-defined-secret")
				.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
				.tokenUri("https://idp.example.com/token")
				.build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnRegistrationWithoutSecret {

		@Bean
		ClientRegistration cortiClientRegistration() {
			return ClientRegistration.withRegistrationId("corti")
				.clientId("user-defined")
				.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
				.tokenUri("https://idp.example.com/token")
				.build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnRepository {

		final ClientRegistrationRepository repository = new InMemoryClientRegistrationRepository(
				ClientRegistration.withRegistrationId("mine")
					.clientId("mine")
					.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
					.tokenUri("https://idp.example.com/token")
					.build());

		@Bean
		ClientRegistrationRepository clientRegistrationRepository() {
			return this.repository;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class Customizers {

		final List<String> restCalls = new java.util.concurrent.CopyOnWriteArrayList<>();

		final List<String> webCalls = new java.util.concurrent.CopyOnWriteArrayList<>();

		@Bean
		@org.springframework.core.annotation.Order(2)
		CortiRestClientCustomizer second() {
			return (builder) -> this.restCalls.add("second");
		}

		@Bean
		@org.springframework.core.annotation.Order(1)
		CortiRestClientCustomizer first() {
			return (builder) -> this.restCalls.add("first");
		}

		@Bean
		CortiWebClientCustomizer web() {
			return (builder) -> this.webCalls.add("web");
		}

	}

}
