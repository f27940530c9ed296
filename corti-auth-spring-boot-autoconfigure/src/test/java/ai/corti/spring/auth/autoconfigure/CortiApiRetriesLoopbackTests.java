package ai.corti.spring.auth.autoconfigure;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;

import ai.corti.spring.auth.CortiApiRetries;
import ai.corti.spring.auth.standin.CortiStandIn;
import ai.corti.spring.auth.standin.CortiStandInExtension;
import ai.corti.spring.auth.standin.RecordedRequest;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpMethod;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;

import static io.micrometer.observation.tck.TestObservationRegistryAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Retries of Corti API calls through both clients and the HTTP service groups, against
 * the stand-in's scripted failures over loopback.
 */
@ExtendWith(OutputCaptureExtension.class)
class CortiApiRetriesLoopbackTests {

	@RegisterExtension
	static CortiStandInExtension corti = new CortiStandInExtension();

	private ApplicationContextRunner contextRunner(CortiStandIn standIn) {
		things(standIn);
		// A budget large enough that it never gets in the way, but in the test of the
		// budget itself.
		return StandInContextRunner.of(standIn)
			.withPropertyValues("corti.http.retry.initial-backoff=5ms", "corti.http.retry.max-backoff=10ms",
					"corti.http.retry.budget.min-retries=1000");
	}

	/** Every method on {@code /v2/things/} answers 200 unless a failure is scripted. */
	private static CortiStandIn things(CortiStandIn standIn) {
		for (HttpMethod method : List.of(HttpMethod.GET, HttpMethod.PUT, HttpMethod.DELETE, HttpMethod.POST,
				HttpMethod.PATCH)) {
			standIn.respond(method.name(), "/v2/things/", 200, "{}");
		}
		return standIn;
	}

	@ParameterizedTest
	@ValueSource(ints = { 408, 502, 503, 504 })
	void idempotentCallsRideOutTransientStatusesThroughBothClients(int status, CortiStandIn standIn) {
		contextRunner(standIn).run((context) -> {
			for (HttpMethod method : List.of(HttpMethod.GET, HttpMethod.PUT, HttpMethod.DELETE)) {
				things(standIn.reset()).failNextApiRequests(2, status, null);
				assertThat(restStatus(context, method)).isEqualTo(200);
				standIn.failNextApiRequests(2, status, null);
				assertThat(webStatus(context, method)).isEqualTo(200);
				assertThat(standIn.apiRequests()).hasSize(6);
			}
		});
	}

	@Test
	void atMostTwoRetriesByDefault(CortiStandIn standIn) {
		contextRunner(standIn).run((context) -> {
			standIn.failNextApiRequests(6, 503, null);
			assertThat(restStatus(context, HttpMethod.GET)).isEqualTo(503);
			assertThat(webStatus(context, HttpMethod.GET)).isEqualTo(503);
			assertThat(standIn.apiRequests()).hasSize(6);
		});
	}

	@Test
	void aBare429IsNotRetriedBecauseAtCortiItCanMeanAnExpiredTrial(CortiStandIn standIn) {
		contextRunner(standIn).run((context) -> {
			standIn.failNextApiRequests(2, 429, null);
			assertThat(restStatus(context, HttpMethod.GET)).isEqualTo(429);
			assertThat(webStatus(context, HttpMethod.GET)).isEqualTo(429);
			assertThat(standIn.apiRequests()).hasSize(2);
		});
	}

	@Test
	void a429WithRetryAfterIsRetriedAfterTheWaitItAsksFor(CortiStandIn standIn) {
		contextRunner(standIn).run((context) -> {
			standIn.failNextApiRequests(1, 429, Duration.ofSeconds(1));
			long started = System.nanoTime();
			assertThat(restStatus(context, HttpMethod.GET)).isEqualTo(200);
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(950));
			standIn.failNextApiRequests(1, 429, Duration.ofSeconds(1));
			started = System.nanoTime();
			assertThat(webStatus(context, HttpMethod.GET)).isEqualTo(200);
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(950));
			assertThat(standIn.apiRequests()).hasSize(4);
		});
	}

	@Test
	void anAnswerAskingForALongerWaitThanTheCapGoesToTheCallerAtOnce(CortiStandIn standIn) {
		contextRunner(standIn).run((context) -> {
			standIn.failNextApiRequests(2, 503, Duration.ofSeconds(60));
			assertThat(restStatus(context, HttpMethod.GET)).isEqualTo(503);
			assertThat(webStatus(context, HttpMethod.GET)).isEqualTo(503);
			assertThat(standIn.apiRequests()).hasSize(2);
		});
	}

	@Test
	void postAndPatchAreNeverSentTwiceOnceTheServerAnswered(CortiStandIn standIn) {
		contextRunner(standIn).run((context) -> {
			for (HttpMethod method : List.of(HttpMethod.POST, HttpMethod.PATCH)) {
				things(standIn.reset()).failNextApiRequests(2, 503, null);
				assertThat(restStatus(context, method)).isEqualTo(503);
				assertThat(webStatus(context, method)).isEqualTo(503);
				standIn.failNextApiRequests(2, 0, null);
				assertThatExceptionOfType(ResourceAccessException.class).isThrownBy(() -> restStatus(context, method));
				assertThatExceptionOfType(WebClientRequestException.class).isThrownBy(() -> webStatus(context, method));
				assertThat(standIn.apiRequests()).hasSize(4)
					.allSatisfy((request) -> assertThat(request.method()).isEqualTo(method.name()));
			}
		});
	}

	@Test
	void idempotentCallsAreSentAgainAfterTheConnectionBroke(CortiStandIn standIn) {
		contextRunner(standIn).run((context) -> {
			for (HttpMethod method : List.of(HttpMethod.GET, HttpMethod.PUT)) {
				standIn.failNextApiRequests(1, 0, null);
				assertThat(restStatus(context, method)).isEqualTo(200);
				standIn.failNextApiRequests(1, 0, null);
				assertThat(webStatus(context, method)).isEqualTo(200);
			}
			assertThat(standIn.apiRequests()).hasSize(8);
		});
	}

	@Test
	void postIsRetriedWhenTheConnectionCouldNotBeMade(CortiStandIn standIn) throws IOException {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		TestObservationRegistry observations = TestObservationRegistry.create();
		contextRunner(standIn).withBean(ObservationRegistry.class, () -> observations)
			.withPropertyValues("corti.base-url=http://127.0.0.1:" + closedPort + "/v2")
			.run((context) -> {
				assertThatExceptionOfType(ResourceAccessException.class)
					.isThrownBy(() -> restStatus(context, HttpMethod.POST));
				assertThatExceptionOfType(WebClientRequestException.class)
					.isThrownBy(() -> webStatus(context, HttpMethod.POST));
				assertThat(observations).hasNumberOfObservationsWithNameEqualTo(CortiApiRetries.OBSERVATION_NAME, 4)
					.forAllObservationsWithNameEqualTo(CortiApiRetries.OBSERVATION_NAME, (observation) -> {
						observation.hasLowCardinalityKeyValue("reason", "connect_error");
						observation.hasLowCardinalityKeyValue("http.method", "POST");
					});
			});
	}

	@Test
	void duringAnOutageTheBudgetKeepsRetriesToAFractionOfTheCalls(CortiStandIn standIn) {
		contextRunner(standIn).withPropertyValues("corti.http.retry.budget.min-retries=5").run((context) -> {
			restStatus(context, HttpMethod.GET);
			standIn.reset().failApiRequests(503, null);
			for (int i = 0; i < 50; i++) {
				assertThat(restStatus(context, HttpMethod.GET)).isEqualTo(503);
				assertThat(webStatus(context, HttpMethod.GET)).isEqualTo(503);
			}
			int requests = standIn.apiRequests().size();
			// 101 calls in the window (the first one succeeded): at most 5 + 20 % of them
			// are retried, about 1.25
			// requests per call during the outage, where retrying every call twice would
			// make 3.
			assertThat(requests).isGreaterThan(100).isLessThanOrEqualTo(100 + 26);
		});
	}

	@Test
	void withoutABudgetAnOutageTriplesTheLoad(CortiStandIn standIn) {
		contextRunner(standIn)
			.withPropertyValues("corti.http.retry.budget.ratio=1", "corti.http.retry.budget.min-retries=1000")
			.run((context) -> {
				standIn.failApiRequests(503, null);
				for (int i = 0; i < 20; i++) {
					restStatus(context, HttpMethod.GET);
				}
				assertThat(standIn.apiRequests()).hasSize(60);
			});
	}

	@Test
	void retriesCanBeTurnedOff(CortiStandIn standIn) {
		contextRunner(standIn).withPropertyValues("corti.http.retry.enabled=false").run((context) -> {
			assertThat(context.getBean(CortiApiRetries.class)).isSameAs(CortiApiRetries.none());
			standIn.failNextApiRequests(2, 503, null);
			assertThat(restStatus(context, HttpMethod.GET)).isEqualTo(503);
			assertThat(webStatus(context, HttpMethod.GET)).isEqualTo(503);
			assertThat(standIn.apiRequests()).hasSize(2);
		});
	}

	@Test
	void a401IsHealedAlongsideARetry(CortiStandIn standIn) {
		// Tokens are dropped after a 401 at most once per failure backoff; both clients
		// drop one here.
		contextRunner(standIn).withPropertyValues("corti.token.failure-backoff=1ms").run((context) -> {
			restStatus(context, HttpMethod.GET);
			things(standIn.reset()).revokeAllTokens();
			standIn.failNextApiRequests(1, 503, null);
			assertThat(restStatus(context, HttpMethod.GET)).isEqualTo(200);
			assertThat(standIn.apiRequests()).extracting(RecordedRequest::path).hasSize(3);
			things(standIn.reset()).revokeAllTokens();
			standIn.failNextApiRequests(1, 503, null);
			assertThat(webStatus(context, HttpMethod.GET)).isEqualTo(200);
			assertThat(standIn.apiRequests()).hasSize(3);
		});
	}

	@Test
	void httpServiceGroupsRetryToo(CortiStandIn standIn) {
		contextRunner(standIn)
			.withUserConfiguration(CortiHttpServiceGroupTests.RestClientGroup.class,
					CortiHttpServiceGroupTests.WebClientGroup.class)
			.run((context) -> {
				standIn.failNextApiRequests(1, 502, null);
				assertThat(context.getBean(CortiHttpServiceGroupTests.Interactions.class).list(1))
					.containsKey("interactions");
				standIn.failNextApiRequests(1, 504, null);
				assertThat(context.getBean(CortiHttpServiceGroupTests.ReactiveInteractions.class).list(1).block())
					.containsKey("interactions");
				assertThat(standIn.apiRequests()).hasSize(4);
			});
	}

	@Test
	void eachRetryIsObservedAndLoggedAtDebug(CortiStandIn standIn, CapturedOutput output) {
		TestObservationRegistry observations = TestObservationRegistry.create();
		LoggingSystem logging = LoggingSystem.get(getClass().getClassLoader());
		logging.setLogLevel(CortiApiRetries.class.getName(), LogLevel.DEBUG);
		try {
			contextRunner(standIn).withBean(ObservationRegistry.class, () -> observations).run((context) -> {
				standIn.failNextApiRequests(1, 503, null);
				restStatus(context, HttpMethod.GET);
				assertThat(observations).hasNumberOfObservationsWithNameEqualTo(CortiApiRetries.OBSERVATION_NAME, 1)
					.hasObservationWithNameEqualTo(CortiApiRetries.OBSERVATION_NAME)
					.that()
					.hasLowCardinalityKeyValue("corti.registration", "corti")
					.hasLowCardinalityKeyValue("http.method", "GET")
					.hasLowCardinalityKeyValue("reason", "status_503")
					.hasBeenStopped();
				assertThat(output).contains("Retrying GET " + standIn.baseUrl() + "/things/ (retry 1 of 2) in ",
						" ms after status 503");
				assertThat(output).doesNotContain(standIn.clientSecret(), "probe=1");
				assertThat(standIn.issuedTokens()).isNotEmpty()
					.allSatisfy((token) -> assertThat(output).doesNotContain(token));
			});
		}
		finally {
			logging.setLogLevel(CortiApiRetries.class.getName(), null);
		}
	}

	private static int restStatus(ApplicationContext context, HttpMethod method) {
		return context.getBean("cortiRestClient", RestClient.class)
			.method(method)
			.uri("/things/?probe=1")
			.exchange((request, response) -> response.getStatusCode().value());
	}

	private static int webStatus(ApplicationContext context, HttpMethod method) {
		return context.getBean("cortiWebClient", WebClient.class)
			.method(method)
			.uri("/things/?probe=1")
			.exchangeToMono((response) -> response.releaseBody().thenReturn(response.statusCode().value()))
			.block(Duration.ofSeconds(30));
	}

}
