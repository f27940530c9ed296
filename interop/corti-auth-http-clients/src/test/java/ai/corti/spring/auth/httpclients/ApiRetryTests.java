package ai.corti.spring.auth.httpclients;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import ai.corti.spring.auth.CortiApiRetries;
import ai.corti.spring.auth.standin.CortiStandIn;
import ai.corti.spring.auth.standin.CortiStandInExtension;
import ai.corti.spring.auth.standin.RecordedRequest;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;

import static io.micrometer.observation.tck.TestObservationRegistryAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Retries of Corti API calls on every HTTP client Boot can put under the Corti clients:
 * each client's own way of failing is classified right, so idempotent calls ride out a
 * transient status, a {@code POST} the server may have seen is never sent twice, a bare
 * {@code 429} is not retried, and a {@code POST} whose connection was refused or timed
 * out is.
 * <p>
 * The dropped connection is shown with a {@code POST}: after one, the JDK client (under
 * both clients), {@code HttpURLConnection} and Apache HttpClient's classic client resend
 * a {@code GET} by themselves, below our retries, so a {@code GET} would show theirs, not
 * ours.
 */
class ApiRetryTests {

	private static final Map<String, String> THING = Map.of("note", "retry");

	@RegisterExtension
	static CortiStandInExtension corti = new CortiStandInExtension();

	private static UnansweringPort unanswering;

	@BeforeAll
	static void openUnansweringPort() throws IOException {
		unanswering = UnansweringPort.open();
	}

	@AfterAll
	static void closeUnansweringPort() throws IOException {
		unanswering.close();
	}

	@ParameterizedTest
	@EnumSource
	void restClientRetriesWhatIsSafeToSendAgainAndNothingElse(ImperativeClient client, CortiStandIn standIn) {
		contextRunner(standIn).withPropertyValues(client.property()).run((context) -> {
			assertThat(context).getBean(ClientHttpRequestFactoryBuilder.class).isInstanceOf(client.builderType());
			RestClient restClient = context.getBean("cortiRestClient", RestClient.class);
			standIn.failNextApiRequests(2, 503, null);
			assertThat(restStatus(restClient, HttpMethod.GET)).isEqualTo(200);
			assertThat(standIn.apiRequests()).hasSize(3)
				.allSatisfy((request) -> assertThat(request.method()).isEqualTo("GET"));
			things(standIn.reset()).failNextApiRequests(1, 503, null);
			assertThat(restStatus(restClient, HttpMethod.POST)).as("answered POST").isEqualTo(503);
			standIn.failNextApiRequests(1, 429, null);
			assertThat(restStatus(restClient, HttpMethod.GET)).as("bare 429").isEqualTo(429);
			assertThat(standIn.apiRequests()).hasSize(2);
			things(standIn.reset()).failNextApiRequests(1, 0, null);
			assertThatExceptionOfType(ResourceAccessException.class)
				.isThrownBy(() -> restStatus(restClient, HttpMethod.POST));
			assertThat(standIn.apiRequests()).singleElement().extracting(RecordedRequest::method).isEqualTo("POST");
		});
	}

	@ParameterizedTest
	@EnumSource
	void restClientRetriesAPostWhoseConnectionWasRefusedOrTimedOut(ImperativeClient client, CortiStandIn standIn) {
		for (String baseUrl : List.of(closedPortBaseUrl(), unanswering.baseUrl())) {
			TestObservationRegistry observations = TestObservationRegistry.create();
			neverConnectingRunner(standIn, baseUrl, observations).withPropertyValues(client.property())
				.run((context) -> {
					RestClient restClient = context.getBean("cortiRestClient", RestClient.class);
					assertThatExceptionOfType(ResourceAccessException.class)
						.isThrownBy(() -> restStatus(restClient, HttpMethod.POST));
					assertRetriedTwiceAsConnectErrors(observations);
				});
		}
	}

	@ParameterizedTest
	@EnumSource
	void webClientRetriesWhatIsSafeToSendAgainAndNothingElse(ReactiveClient client, CortiStandIn standIn) {
		contextRunner(standIn).withPropertyValues(client.property()).run((context) -> {
			assertThat(context).getBean(ClientHttpConnectorBuilder.class).isInstanceOf(client.builderType());
			WebClient webClient = context.getBean("cortiWebClient", WebClient.class);
			standIn.failNextApiRequests(2, 503, null);
			assertThat(webStatus(webClient, HttpMethod.GET)).isEqualTo(200);
			assertThat(standIn.apiRequests()).hasSize(3)
				.allSatisfy((request) -> assertThat(request.method()).isEqualTo("GET"));
			things(standIn.reset()).failNextApiRequests(1, 503, null);
			assertThat(webStatus(webClient, HttpMethod.POST)).as("answered POST").isEqualTo(503);
			standIn.failNextApiRequests(1, 429, null);
			assertThat(webStatus(webClient, HttpMethod.GET)).as("bare 429").isEqualTo(429);
			assertThat(standIn.apiRequests()).hasSize(2);
			things(standIn.reset()).failNextApiRequests(1, 0, null);
			assertThatExceptionOfType(WebClientRequestException.class)
				.isThrownBy(() -> webStatus(webClient, HttpMethod.POST));
			assertThat(standIn.apiRequests()).singleElement().extracting(RecordedRequest::method).isEqualTo("POST");
		});
	}

	@ParameterizedTest
	@EnumSource
	void webClientRetriesAPostWhoseConnectionWasRefusedOrTimedOut(ReactiveClient client, CortiStandIn standIn) {
		for (String baseUrl : List.of(closedPortBaseUrl(), unanswering.baseUrl())) {
			TestObservationRegistry observations = TestObservationRegistry.create();
			neverConnectingRunner(standIn, baseUrl, observations).withPropertyValues(client.property())
				.run((context) -> {
					WebClient webClient = context.getBean("cortiWebClient", WebClient.class);
					assertThatExceptionOfType(WebClientRequestException.class)
						.isThrownBy(() -> webStatus(webClient, HttpMethod.POST));
					assertRetriedTwiceAsConnectErrors(observations);
				});
		}
	}

	/** Short backoffs, and a budget large enough that it never gets in the way. */
	private static ApplicationContextRunner contextRunner(CortiStandIn standIn) {
		return StandInContextRunner.of(things(standIn))
			.withPropertyValues("corti.http.retry.initial-backoff=5ms", "corti.http.retry.max-backoff=10ms",
					"corti.http.retry.budget.min-retries=1000");
	}

	/**
	 * {@code GET} and {@code POST} on {@code /v2/things/} answer 200 unless a failure is
	 * scripted.
	 */
	private static CortiStandIn things(CortiStandIn standIn) {
		standIn.respond("GET", "/v2/things/", 200, "{}");
		standIn.respond("POST", "/v2/things/", 200, "{}");
		return standIn;
	}

	/**
	 * API calls to {@code baseUrl}, which never connect, observed; connecting gives up
	 * quickly.
	 */
	private static ApplicationContextRunner neverConnectingRunner(CortiStandIn standIn, String baseUrl,
			TestObservationRegistry observations) {
		return contextRunner(standIn)
			.withPropertyValues("corti.base-url=" + baseUrl, "corti.http.connect-timeout=100ms")
			.withBean(ObservationRegistry.class, () -> observations);
	}

	/**
	 * An API base URL on a loopback port nobody listens on: every connection is refused.
	 */
	private static String closedPortBaseUrl() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return "http://127.0.0.1:" + socket.getLocalPort() + "/v2";
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void assertRetriedTwiceAsConnectErrors(TestObservationRegistry observations) {
		assertThat(observations).hasNumberOfObservationsWithNameEqualTo(CortiApiRetries.OBSERVATION_NAME, 2)
			.forAllObservationsWithNameEqualTo(CortiApiRetries.OBSERVATION_NAME, (observation) -> {
				observation.hasLowCardinalityKeyValue("reason", "connect_error");
				observation.hasLowCardinalityKeyValue("http.method", "POST");
			});
	}

	private static int restStatus(RestClient restClient, HttpMethod method) {
		RestClient.RequestBodySpec request = restClient.method(method).uri("/things/");
		if (method == HttpMethod.POST) {
			request.contentType(MediaType.APPLICATION_JSON).body(THING);
		}
		return request.exchange((sent, response) -> response.getStatusCode().value());
	}

	private static int webStatus(WebClient webClient, HttpMethod method) {
		WebClient.RequestBodySpec request = webClient.method(method).uri("/things/");
		WebClient.RequestHeadersSpec<?> call = (method == HttpMethod.POST)
				? request.contentType(MediaType.APPLICATION_JSON).bodyValue(THING) : request;
		Integer status = call
			.exchangeToMono((response) -> response.releaseBody().thenReturn(response.statusCode().value()))
			.block(Duration.ofSeconds(30));
		assertThat(status).isNotNull();
		return status;
	}

}
