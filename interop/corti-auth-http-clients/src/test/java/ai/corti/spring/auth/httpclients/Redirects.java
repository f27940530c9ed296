package ai.corti.spring.auth.httpclients;

import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import ai.corti.spring.auth.standin.CortiStandIn;
import ai.corti.spring.auth.standin.RecordedRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The redirects the Corti stand-in answers with, and what has to hold afterwards: the
 * request that got the redirect carried Corti's credentials, and the origin it pointed to
 * received nothing.
 */
final class Redirects {

	/**
	 * Every redirect status; a client that followed any of them would take the request's
	 * headers along.
	 */
	static final List<Integer> STATUSES = List.of(301, 302, 303, 307, 308);

	private Redirects() {
	}

	/**
	 * The request reached Corti with the bearer token and the tenant, sent by the client
	 * with this user agent.
	 */
	static Consumer<RecordedRequest> authorizedBy(String userAgent) {
		return (request) -> {
			assertThat(request.header("Authorization")).startsWith("Bearer ");
			assertThat(request.header("Tenant-Name")).isEqualTo(CortiStandIn.DEFAULT_TENANT);
			assertThat(request.header("User-Agent")).startsWith(userAgent);
		};
	}

	/**
	 * Nothing reached {@code other}: checked for credentials first, so that a client that
	 * followed a redirect shows what it leaked, then for any request at all.
	 */
	static void assertReachedNothing(CortiStandIn other, String clientSecret) {
		List<RecordedRequest> received = Stream
			.of(other.tokenRequests(), other.apiRequests(), other.webSocketRequests())
			.flatMap(List::stream)
			.toList();
		assertThat(received).as("requests that reached the other origin").allSatisfy((request) -> {
			assertThat(request.hasHeader("Authorization")).as("Authorization sent to %s", request).isFalse();
			assertThat(request.hasHeader("Tenant-Name")).as("Tenant-Name sent to %s", request).isFalse();
			assertThat(request.body()).as("body of %s", request).doesNotContain(clientSecret);
		});
		assertThat(received).as("requests that reached the other origin").isEmpty();
	}

}
