package ai.corti.spring.auth.benchmarks;

import ai.corti.spring.auth.CortiAuthInterceptor;
import ai.corti.spring.auth.standin.CortiStandIn;

import org.springframework.security.oauth2.client.AuthorizedClientServiceOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.AuthorizedClientServiceReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.InMemoryOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.InMemoryReactiveOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.InMemoryReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.client.OAuth2ClientHttpRequestInterceptor;
import org.springframework.security.oauth2.client.web.reactive.function.client.ServerOAuth2AuthorizedClientExchangeFilterFunction;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Spring Security 7's documented client-credentials wiring for calls outside a user's
 * request: an {@code AuthorizedClientService…Manager} (with its default provider and
 * token response client) behind {@link OAuth2ClientHttpRequestInterceptor} and
 * {@link ServerOAuth2AuthorizedClientExchangeFilterFunction}, plus the
 * {@code Tenant-Name} header as a default header.
 */
final class SpringSecurityClients {

	private static final String REGISTRATION_ID = "corti";

	private SpringSecurityClients() {
	}

	static AuthenticatedClients connect(CortiLoopback loopback) {
		String tenant = loopback.standIn().tenant();
		WebClient webClient = loopback.unauthenticatedWebClient()
			.defaultHeader(CortiAuthInterceptor.TENANT_NAME_HEADER, tenant)
			.filter(exchangeFilter(loopback.standIn()))
			.build();
		RestClient restClient = loopback.unauthenticatedRestClient()
			.defaultHeader(CortiAuthInterceptor.TENANT_NAME_HEADER, tenant)
			.requestInterceptor(interceptor(loopback.standIn()))
			.build();
		return new AuthenticatedClients(webClient, restClient);
	}

	/**
	 * The {@code WebClient} filter, with a manager and an in-memory store of its own.
	 * @param standIn the stand-in whose token endpoint and credentials to use
	 * @return the filter
	 */
	static ServerOAuth2AuthorizedClientExchangeFilterFunction exchangeFilter(CortiStandIn standIn) {
		InMemoryReactiveClientRegistrationRepository registrations = new InMemoryReactiveClientRegistrationRepository(
				registration(standIn));
		ServerOAuth2AuthorizedClientExchangeFilterFunction filter = new ServerOAuth2AuthorizedClientExchangeFilterFunction(
				new AuthorizedClientServiceReactiveOAuth2AuthorizedClientManager(registrations,
						new InMemoryReactiveOAuth2AuthorizedClientService(registrations)));
		filter.setDefaultClientRegistrationId(REGISTRATION_ID);
		return filter;
	}

	/**
	 * The {@code RestClient} interceptor, with a manager and an in-memory store of its
	 * own.
	 * @param standIn the stand-in whose token endpoint and credentials to use
	 * @return the interceptor
	 */
	static OAuth2ClientHttpRequestInterceptor interceptor(CortiStandIn standIn) {
		InMemoryClientRegistrationRepository registrations = new InMemoryClientRegistrationRepository(
				registration(standIn));
		OAuth2ClientHttpRequestInterceptor interceptor = new OAuth2ClientHttpRequestInterceptor(
				new AuthorizedClientServiceOAuth2AuthorizedClientManager(registrations,
						new InMemoryOAuth2AuthorizedClientService(registrations)));
		interceptor.setClientRegistrationIdResolver((request) -> REGISTRATION_ID);
		return interceptor;
	}

	private static ClientRegistration registration(CortiStandIn standIn) {
		return ClientRegistration.withRegistrationId(REGISTRATION_ID)
			.clientId(standIn.clientId())
			.clientSecret(standIn.clientSecret())
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
			.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
			.scope("openid")
			.tokenUri(standIn.tokenUri())
			.build();
	}

}
