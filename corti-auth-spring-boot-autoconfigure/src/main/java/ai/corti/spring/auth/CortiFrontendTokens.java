package ai.corti.spring.auth;

import java.util.function.Supplier;

import reactor.core.publisher.Mono;

import org.springframework.util.function.SingletonSupplier;

/**
 * Tokens to hand to a browser or app that streams audio to Corti itself: scoped to
 * {@code streams} or {@code transcribe} only (scope {@code openid streams} /
 * {@code openid transcribe}), so they open the matching real-time socket and nothing
 * else, never the application's main token. Each scope has its own cache, renewed like
 * the main token; the first use of a scope creates it. Serve them only behind the
 * application's own authentication, over HTTPS, and never log them.
 *
 * @since 0.1.0
 */
public final class CortiFrontendTokens {

	private final Supplier<CortiTokenService> streams;

	private final Supplier<CortiTokenService> transcribe;

	/**
	 * Creates frontend tokens from a token service per scope.
	 * @param streams the token service for scope {@code streams}, created on first use
	 * @param transcribe the token service for scope {@code transcribe}, created on first
	 * use
	 */
	public CortiFrontendTokens(Supplier<CortiTokenService> streams, Supplier<CortiTokenService> transcribe) {
		this.streams = SingletonSupplier.of(streams);
		this.transcribe = SingletonSupplier.of(transcribe);
	}

	/**
	 * A token for {@code /audio-bridge/v2/interactions/{id}/streams}.
	 * @return a {@code Mono} of the token with its expiry, or an error with a
	 * {@link CortiTokenException}
	 */
	public Mono<CortiAccessToken> streams() {
		return Mono.defer(() -> this.streams.get().token());
	}

	/**
	 * A token for {@code /audio-bridge/v2/transcribe}.
	 * @return a {@code Mono} of the token with its expiry, or an error with a
	 * {@link CortiTokenException}
	 */
	public Mono<CortiAccessToken> transcribe() {
		return Mono.defer(() -> this.transcribe.get().token());
	}

	/**
	 * Blocking variant of {@link #streams()}.
	 * @return the token with its expiry
	 * @throws CortiTokenException when no token can be obtained
	 */
	public CortiAccessToken getStreamsToken() {
		return this.streams.get().getToken();
	}

	/**
	 * Blocking variant of {@link #transcribe()}.
	 * @return the token with its expiry
	 * @throws CortiTokenException when no token can be obtained
	 */
	public CortiAccessToken getTranscribeToken() {
		return this.transcribe.get().getToken();
	}

}
