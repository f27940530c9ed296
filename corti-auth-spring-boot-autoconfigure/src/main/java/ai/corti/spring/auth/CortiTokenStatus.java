package ai.corti.spring.auth;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A snapshot of the token service's state, for health checks, metrics and diagnostics.
 * Never contains a token.
 *
 * @param tokenUsable whether a token that may be attached to requests is held right now
 * @param expiresAt when the held token expires, or {@code null} when none is held
 * @param lastRenewal when the last token was obtained, or {@code null} before the first
 * @param tokensObtained how many tokens were obtained since startup
 * @param lastError the error of the last failed token request, or {@code null} when the
 * last request succeeded
 * @since 0.1.0
 */
public record CortiTokenStatus(boolean tokenUsable, @Nullable Instant expiresAt, @Nullable Instant lastRenewal,
		long tokensObtained, @Nullable CortiTokenException lastError) {

}
