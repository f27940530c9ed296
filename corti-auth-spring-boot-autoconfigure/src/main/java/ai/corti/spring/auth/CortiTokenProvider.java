package ai.corti.spring.auth;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Where the Corti clients get their access tokens: {@link CortiAuthFilter},
 * {@link CortiAuthInterceptor}, {@link CortiWebSocketUrls} and the {@code corti} health
 * component depend on this interface, not on how tokens are obtained.
 * {@link CortiTokenService} implements it with client credentials; implement it yourself
 * when the application gets its Corti token from elsewhere (a gateway, a vault) and
 * declare it as a bean: the auto-configured clients then use it, and no client
 * registration or token service is created.
 *
 * @since 0.1.0
 */
public interface CortiTokenProvider {

	/**
	 * Returns a token to send now, waiting only when none is at hand.
	 * @return the access token value, without the {@code Bearer} prefix
	 * @throws CortiTokenException when no token can be obtained
	 */
	String getAccessToken();

	/**
	 * Reactive variant of {@link #getAccessToken()}; must not block the subscribing
	 * thread.
	 * @return a {@code Mono} of the access token value, or an error with a
	 * {@link CortiTokenException}
	 */
	Mono<String> accessToken();

	/**
	 * Drops {@code accessToken} if it is still the current token, so that the next caller
	 * gets a new one.
	 * @param accessToken the rejected token value
	 * @return whether the token was dropped
	 */
	boolean invalidate(String accessToken);

	/**
	 * Called when the API answered {@code 401} to {@code rejectedToken}: drop it if it is
	 * still current. An implementation may refuse to drop tokens too often (an API that
	 * rejects every token must not turn each call into a token request);
	 * {@link CortiTokenService} drops at most one per
	 * {@code corti.token.failure-backoff}. The default drops it every time.
	 * @param rejectedToken the token the API rejected
	 */
	default void invalidateRejected(String rejectedToken) {
		invalidate(rejectedToken);
	}

	/**
	 * After a {@code 401}: drops {@code rejectedToken} (as
	 * {@link #invalidateRejected(String)}) and returns a different token to send the
	 * request again with, or {@code null} when there is none.
	 * @param rejectedToken the token the API rejected
	 * @return a new token, or {@code null} when retrying would only repeat the rejected
	 * one
	 */
	default @Nullable String renewAfterRejection(String rejectedToken) {
		invalidateRejected(rejectedToken);
		String next = getAccessToken();
		return next.equals(rejectedToken) ? null : next;
	}

	/**
	 * Reactive variant of {@link #renewAfterRejection(String)}.
	 * @param rejectedToken the token the API rejected
	 * @return a {@code Mono} of a new token, empty when retrying would only repeat the
	 * rejected one
	 */
	default Mono<String> renewAfterRejectionReactive(String rejectedToken) {
		return Mono.fromRunnable(() -> invalidateRejected(rejectedToken))
			.then(accessToken())
			.filter((next) -> !next.equals(rejectedToken));
	}

	/**
	 * Starts getting a token in the background so that the first call need not wait;
	 * called once the application is ready ({@code corti.token.prefetch}). Must not block
	 * or throw. The default does nothing.
	 */
	default void prefetch() {
	}

	/**
	 * The provider's state for the {@code corti} health component, without contacting
	 * anything.
	 * @return a snapshot that never contains a token; the default says nothing is known
	 */
	default CortiTokenStatus status() {
		return new CortiTokenStatus(false, null, null, 0, null);
	}

}
