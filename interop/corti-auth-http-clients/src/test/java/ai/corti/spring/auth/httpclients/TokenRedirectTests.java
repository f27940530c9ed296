package ai.corti.spring.auth.httpclients;

import java.util.stream.Stream;

import ai.corti.spring.auth.CortiTokenException;
import ai.corti.spring.auth.test.CortiStandIn;
import ai.corti.spring.auth.test.CortiStandInExtension;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The token endpoint redirecting to another origin, on every HTTP client Boot can put under the token client: the
 * call fails with a {@link CortiTokenException} that names the redirect, and the client secret stays home. One
 * context per case, since a failed token request holds off the next one for the failure backoff.
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
					assertThat(ex.getMessage()).contains("redirect to " + otherOrigin.origin()).contains("not followed");
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

}
