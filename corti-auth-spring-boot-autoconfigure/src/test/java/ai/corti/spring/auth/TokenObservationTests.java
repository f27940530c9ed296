package ai.corti.spring.auth;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

import ai.corti.spring.auth.standin.CortiStandIn;
import ai.corti.spring.auth.standin.CortiStandInExtension;
import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import io.micrometer.common.docs.KeyName;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import io.micrometer.observation.tck.TestObservationRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

import static io.micrometer.observation.tck.TestObservationRegistryAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

class TokenObservationTests {

	@RegisterExtension
	static CortiStandInExtension corti = new CortiStandInExtension();

	private final MutableClock clock = new MutableClock(Instant.now());

	private CortiTokenService service(CortiStandIn standIn, ObservationRegistry registry) {
		return CortiTokenService
			.builder(ClientRegistration.withRegistrationId("corti")
				.clientId(standIn.clientId())
				.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
				.scope("openid")
				.tokenUri(standIn.tokenUri())
				.build(), standIn.clientSecret())
			.clock(this.clock)
			.retry(3, Duration.ofMillis(5), Duration.ofMillis(10))
			.observationRegistry(registry)
			.build();
	}

	@Test
	void eachTokenRequestIsObservedWithItsTriggerAndOutcome(CortiStandIn standIn) {
		TestObservationRegistry registry = TestObservationRegistry.create();
		try (CortiTokenService tokens = service(standIn, registry)) {
			tokens.getAccessToken();
			assertThat(registry).hasObservationWithNameEqualTo("corti.token.fetch")
				.that()
				.hasLowCardinalityKeyValue("corti.registration", "corti")
				.hasLowCardinalityKeyValue("trigger", "initial")
				.hasLowCardinalityKeyValue("outcome", "success")
				.hasLowCardinalityKeyValue("oauth.error", "none")
				.hasBeenStopped();
		}
	}

	@Test
	void failuresCarryTheOAuthErrorCodeAndStatus(CortiStandIn standIn) {
		TestObservationRegistry registry = TestObservationRegistry.create();
		standIn.failNextTokenRequest(401, "invalid_client", "Invalid client or Invalid client credentials");
		try (CortiTokenService tokens = service(standIn, registry)) {
			assertThatExceptionOfType(CortiTokenException.class).isThrownBy(tokens::getAccessToken);
			assertThat(registry).hasObservationWithNameEqualTo("corti.token.fetch")
				.that()
				.hasLowCardinalityKeyValue("outcome", "failure")
				.hasLowCardinalityKeyValue("oauth.error", "invalid_client")
				.hasLowCardinalityKeyValue("http.status", "401")
				.hasError();
		}
	}

	@Test
	void theDocumentationNamesEveryKeyTheDefaultConventionSets(CortiStandIn standIn) {
		TestObservationRegistry registry = TestObservationRegistry.create();
		try (CortiTokenService tokens = service(standIn, registry)) {
			tokens.getAccessToken();
		}
		Set<String> documented = Arrays
			.stream(CortiTokenObservationDocumentation.TOKEN_FETCH.getLowCardinalityKeyNames())
			.map(KeyName::asString)
			.collect(Collectors.toSet());
		assertThat(CortiTokenObservationDocumentation.TOKEN_FETCH.getDefaultConvention())
			.isEqualTo(DefaultCortiTokenFetchObservationConvention.class);
		assertThat(registry).hasObservationWithNameEqualTo(DefaultCortiTokenFetchObservationConvention.NAME)
			.that()
			.satisfies((context) -> assertThat(context.getLowCardinalityKeyValues().stream().map(KeyValue::getKey))
				.containsExactlyInAnyOrderElementsOf(documented));
	}

	@Test
	void aConventionOfTheApplicationNamesAndTagsTheObservation(CortiStandIn standIn) {
		TestObservationRegistry registry = TestObservationRegistry.create();
		CortiTokenFetchObservationConvention convention = new DefaultCortiTokenFetchObservationConvention() {

			@Override
			public String getName() {
				return "tokens.fetched";
			}

			@Override
			public KeyValues getLowCardinalityKeyValues(CortiTokenFetchObservationContext context) {
				return super.getLowCardinalityKeyValues(context).and("team", "scribe");
			}

		};
		try (CortiTokenService tokens = CortiTokenService
			.builder(ClientRegistration.withRegistrationId("corti")
				.clientId(standIn.clientId())
				.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
				.scope("openid")
				.tokenUri(standIn.tokenUri())
				.build(), standIn.clientSecret())
			.observationRegistry(registry)
			.observationConvention(convention)
			.build()) {
			tokens.getAccessToken();
		}
		assertThat(registry).hasNumberOfObservationsWithNameEqualTo("corti.token.fetch", 0)
			.hasObservationWithNameEqualTo("tokens.fetched")
			.that()
			.hasLowCardinalityKeyValue("team", "scribe")
			.hasLowCardinalityKeyValue("outcome", "success")
			.hasBeenStopped();
	}

	@Test
	void aFailingObservationHandlerFailsTheRequestInsteadOfLeavingCallersWaiting(CortiStandIn standIn) {
		ObservationRegistry registry = ObservationRegistry.create();
		registry.observationConfig().observationHandler(new ObservationHandler<Observation.Context>() {

			@Override
			public void onStart(Observation.Context context) {
				throw new IllegalStateException("broken handler");
			}

			@Override
			public boolean supportsContext(Observation.Context context) {
				return true;
			}

		});
		try (CortiTokenService tokens = service(standIn, registry)) {
			assertThatExceptionOfType(CortiTokenException.class).isThrownBy(tokens::getAccessToken)
				.withMessageContaining("unexpected IllegalStateException");
			assertThat(tokens.accessToken().onErrorReturn("failed").block(Duration.ofSeconds(5))).isEqualTo("failed");
		}
	}

	@Test
	void metersCountFetchesRetriesRenewalsAndHealedRejections(CortiStandIn standIn) {
		MeterRegistry meters = new SimpleMeterRegistry();
		ObservationRegistry registry = ObservationRegistry.create();
		registry.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
		standIn.failNextTokenRequests(2, 503);
		try (CortiTokenService tokens = service(standIn, registry)) {
			String first = tokens.getAccessToken();
			this.clock.advance(Duration.ofSeconds(271));
			String second = tokens.getAccessToken();
			assertThat(tokens.renewAfterRejection(second)).isNotNull();
			assertThat(first).isNotEqualTo(second);
		}
		assertThat(meters.get("corti.token.fetch").tag("outcome", "failure").tag("http.status", "503").timer().count())
			.isEqualTo(2);
		assertThat(meters.get("corti.token.fetch").tag("outcome", "success").timers()).hasSize(3);
		assertThat(meters.get("corti.token.fetch.retry").counter().count()).isEqualTo(2);
		assertThat(meters.get("corti.token.fetch.renewal").counter().count()).isEqualTo(1);
		assertThat(meters.get("corti.token.fetch.rejection").counter().count()).isEqualTo(1);
	}

	@Test
	void aFetchACallerWaitsForIsAChildOfTheCallersObservation(CortiStandIn standIn) {
		TestObservationRegistry registry = TestObservationRegistry.create();
		try (CortiTokenService tokens = service(standIn, registry)) {
			Observation caller = Observation.start("caller", registry);
			try (Observation.Scope scope = caller.openScope()) {
				tokens.getAccessToken();
			}
			caller.stop();
			assertThat(registry).hasObservationWithNameEqualTo("corti.token.fetch")
				.that()
				.hasParentObservationEqualTo(caller);
		}
	}

	@Test
	void aReactiveCallerWaitingForAFetchIsItsParentToo(CortiStandIn standIn) {
		TestObservationRegistry registry = TestObservationRegistry.create();
		try (CortiTokenService tokens = service(standIn, registry)) {
			Observation caller = Observation.start("caller", registry);
			tokens.accessToken()
				.contextWrite((context) -> context.put(ObservationThreadLocalAccessor.KEY, caller))
				.block();
			caller.stop();
			assertThat(registry).hasObservationWithNameEqualTo("corti.token.fetch")
				.that()
				.hasParentObservationEqualTo(caller);
		}
	}

	@Test
	void aBackgroundRenewalIsARootEvenWhenACallTriggersIt(CortiStandIn standIn) {
		TestObservationRegistry registry = TestObservationRegistry.create();
		try (CortiTokenService tokens = service(standIn, registry)) {
			String first = tokens.getAccessToken();
			this.clock.advance(Duration.ofSeconds(200));
			Observation caller = Observation.start("caller", registry);
			try (Observation.Scope scope = caller.openScope()) {
				assertThat(tokens.getAccessToken()).isEqualTo(first);
			}
			caller.stop();
			await().atMost(Duration.ofSeconds(5)).until(() -> standIn.tokenRequestCount() == 2);
			await().atMost(Duration.ofSeconds(5))
				.untilAsserted(() -> assertThat(registry).hasNumberOfObservationsWithNameEqualTo("corti.token.fetch", 2)
					.forAllObservationsWithNameEqualTo("corti.token.fetch",
							(fetch) -> fetch.doesNotHaveParentObservation()));
		}
	}

	@Test
	void throughTheClientsTheParentIsTheHttpClientObservationOfTheCall(CortiStandIn standIn) {
		for (boolean reactive : new boolean[] { false, true }) {
			TestObservationRegistry registry = TestObservationRegistry.create();
			try (CortiTokenService tokens = service(standIn, registry)) {
				URI baseUrl = URI.create(standIn.baseUrl());
				if (reactive) {
					WebClient.builder()
						.observationRegistry(registry)
						.filter(new CortiAuthFilter(tokens, standIn.tenant(), baseUrl))
						.build()
						.get()
						.uri(standIn.baseUrl() + "/interactions/")
						.retrieve()
						.toBodilessEntity()
						.block();
				}
				else {
					RestClient.builder()
						.observationRegistry(registry)
						.requestInterceptor(new CortiAuthInterceptor(tokens, standIn.tenant(), baseUrl))
						.build()
						.get()
						.uri(standIn.baseUrl() + "/interactions/")
						.retrieve()
						.toBodilessEntity();
				}
				assertThat(registry).hasObservationWithNameEqualTo("corti.token.fetch")
					.that()
					.hasParentObservationContextMatching((parent) -> "http.client.requests".equals(parent.getName()));
			}
		}
	}

}
