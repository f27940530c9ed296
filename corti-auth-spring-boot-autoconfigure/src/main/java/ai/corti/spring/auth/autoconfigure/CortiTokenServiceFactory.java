package ai.corti.spring.auth.autoconfigure;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

import ai.corti.spring.auth.CortiTokenFetchObservationConvention;
import ai.corti.spring.auth.CortiTokenService;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.util.StringUtils;
import org.springframework.web.client.RestClient;

/**
 * Creates token services from the {@code corti.token.*} properties: the main one, and the
 * narrower-scoped ones for WebSocket URLs, which it owns and closes with the context (the
 * main one is a bean and closed as such).
 */
final class CortiTokenServiceFactory implements DisposableBean {

	private final CortiProperties properties;

	private final CortiConnectionDetails connectionDetails;

	private final Supplier<RestClient.Builder> restClientBuilder;

	private final ObservationRegistry observationRegistry;

	private final @Nullable CortiTokenFetchObservationConvention convention;

	private final CortiTokenRenewals renewals;

	private final Map<String, CortiTokenService> scoped = new ConcurrentHashMap<>();

	private final List<CortiTokenService> owned = new CopyOnWriteArrayList<>();

	CortiTokenServiceFactory(CortiProperties properties, CortiConnectionDetails connectionDetails,
			Supplier<RestClient.Builder> restClientBuilder, ObservationRegistry observationRegistry,
			@Nullable CortiTokenFetchObservationConvention convention, CortiTokenRenewals renewals) {
		this.properties = properties;
		this.connectionDetails = connectionDetails;
		this.restClientBuilder = restClientBuilder;
		this.observationRegistry = observationRegistry;
		this.convention = convention;
		this.renewals = renewals;
	}

	CortiTokenService create(ClientRegistration registration) {
		CortiProperties.Token token = this.properties.getToken();
		CortiProperties.Retry retry = token.getRetry();
		CortiTokenService.Builder builder = CortiTokenService.builder(registration, clientSecret(registration));
		if (this.convention != null) {
			builder.observationConvention(this.convention);
		}
		return builder.restClientBuilder(this.restClientBuilder)
			.observationRegistry(this.observationRegistry)
			.renewalScheduler(this.renewals.scheduler())
			.renewBeforeExpiry(token.getRenewBeforeExpiry())
			.expiryMargin(token.getExpiryMargin())
			.defaultLifetime(token.getDefaultLifetime())
			.failureBackoff(token.getFailureBackoff())
			.retry(retry.getMaxAttempts(), retry.getInitialBackoff(), retry.getMaxBackoff())
			.maxRetryAfter(retry.getMaxRetryAfter())
			.build();
	}

	/**
	 * Like {@link #create(ClientRegistration)}, for a service that is not a bean: the
	 * factory closes it with the context.
	 * @param registration the registration of the token service
	 * @return the token service
	 */
	CortiTokenService createOwned(ClientRegistration registration) {
		CortiTokenService service = create(registration);
		this.owned.add(service);
		return service;
	}

	/**
	 * The registration's own secret when a user-defined registration carries one, else
	 * the connection details'.
	 * @param registration the registration of the token service
	 * @return the client secret
	 */
	private String clientSecret(ClientRegistration registration) {
		String own = registration.getClientSecret();
		return StringUtils.hasText(own) ? own : this.connectionDetails.getClientSecret();
	}

	/**
	 * The token service with scope {@code openid <scope>} only, registration id
	 * {@code <registration>-<scope>}: one per registration and scope, shared by the
	 * WebSocket URLs and the front-end tokens.
	 * @param registration the registration whose scope is narrowed
	 * @param scope the scope after {@code openid}, such as {@code streams}
	 * @return the token service, created on first use
	 */
	CortiTokenService createScoped(ClientRegistration registration, String scope) {
		String registrationId = registration.getRegistrationId() + "-" + scope;
		return this.scoped.computeIfAbsent(registrationId,
				(id) -> create(ClientRegistration.withClientRegistration(registration)
					.registrationId(id)
					.scope(List.of("openid", scope))
					.build()));
	}

	/**
	 * The scoped services created so far, by registration id.
	 * @return a copy of the scoped services, by registration id
	 */
	Map<String, CortiTokenService> scopedServices() {
		return Map.copyOf(this.scoped);
	}

	@Override
	public void destroy() {
		this.scoped.values().forEach(CortiTokenService::close);
		this.owned.forEach(CortiTokenService::close);
	}

}
