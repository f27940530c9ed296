package ai.corti.spring.auth.httpclients;

import java.util.stream.Stream;

import ai.corti.spring.auth.CortiTokenException;
import ai.corti.spring.auth.standin.CortiStandIn;
import ai.corti.spring.auth.standin.CortiStandInExtension;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The token endpoint redirecting to another origin or rejecting the credentials, on every
 * HTTP client Boot can put under the token client: a redirect fails the call with a
 * {@link CortiTokenException} that names it, and the client secret stays home; a
 * rejection is the endpoint's permanent error. One context per case, since a failed token
 * request holds off the next one for the failure backoff.
 */
class TokenRedirectTests {

	@RegisterExtension
	static CortiStandInExtension corti = new CortiStandInExtension();

	@RegisterExtension
	static CortiStandInExtension other = new CortiStandInExtension();

	static Stream<Arguments> everyClientAndRedirect() {
		return Stream.of(ImperativeClient.values())
			.flatMap((client) -> Redirects.STATUSES.stream().map((status) -> Arguments.of(client, status)));
	}

	@ParameterizedTest(name = "{0}, HTTP {1}")
	@MethodSource("everyClientAndRedirect")
	void aRedirectFromTheTokenEndpointFailsTheCallAndTheSecretStaysHome(ImperativeClient client, int status) {
		CortiStandIn standIn = corti.standIn();
		CortiStandIn otherOrigin = other.standIn();
		standIn.redirectNextTokenRequest(status, otherOrigin.tokenUri());
		StandInContextRunner.of(standIn).withPropertyValues(client.property()).run((context) -> {
			assertThat(context).getBean(ClientHttpRequestFactoryBuilder.class).isInstanceOf(client.builderType());
			RestClient restClient = context.getBean("cortiRestClient", RestClient.class);
			assertThatExceptionOfType(CortiTokenException.class)
				.isThrownBy(() -> restClient.get().uri("/interactions/").retrieve().toBodilessEntity())
				.satisfies((ex) -> {
					assertThat(ex.getStatus()).isEqualTo(status);
					assertThat(ex.isRetryable()).isFalse();
					assertThat(ex.getMessage()).contains("redirect to " + otherOrigin.origin())
						.contains("not followed");
				});
			assertThat(standIn.tokenRequests()).singleElement().satisfies((request) -> {
				assertThat(request.form()).containsEntry("client_secret", standIn.clientSecret());
				assertThat(request.header("User-Agent")).startsWith(client.userAgent());
			});
			assertThat(standIn.apiRequests()).isEmpty();
			assertThat(otherOrigin.tokenRequests()).as("token requests that reached the other origin")
				.allSatisfy((request) -> assertThat(request.form()).doesNotContainKey("client_secret"))
				.isEmpty();
			Redirects.assertReachedNothing(otherOrigin, standIn.clientSecret());
		});
	}

	/**
	 * A token endpoint that rejects the credentials answers 401 while the form may still
	 * be on its way: every client must hand that answer over (Jetty's authentication
	 * handler would abort the request instead), so the failure is the permanent
	 * {@code invalid_client} and not a retryable I/O error.
	 */
	@ParameterizedTest(name = "{0}")
	@EnumSource
	void rejectedCredentialsArePermanentOnEveryClient(ImperativeClient client) {
		CortiStandIn standIn = corti.standIn();
		standIn.failNextTokenRequest(401, "invalid_client", "Invalid client or Invalid client credentials");
		StandInContextRunner.of(standIn).withPropertyValues(client.property()).run((context) -> {
			RestClient restClient = context.getBean("cortiRestClient", RestClient.class);
			assertThatExceptionOfType(CortiTokenException.class)
				.isThrownBy(() -> restClient.get().uri("/interactions/").retrieve().toBodilessEntity())
				.satisfies((ex) -> {
					assertThat(ex.getStatus()).isEqualTo(401);
					assertThat(ex.isRetryable()).isFalse();
					// HttpURLConnection keeps a 401's body to itself when the request
					// body was streamed.
					assertThat(ex.getErrorCode())
						.isEqualTo((client == ImperativeClient.SIMPLE) ? null : "invalid_client");
				});
			assertThat(standIn.tokenRequests()).singleElement()
				.satisfies((request) -> assertThat(request.header("User-Agent")).startsWith(client.userAgent()));
		});
	}

}
