package ai.corti.spring.auth;

import java.time.Instant;

/**
 * An access token with its expiry, for handing to a front-end (see
 * {@link CortiFrontendTokens}). Its {@code toString()} leaves the token out, so that it
 * cannot end up in a log by accident.
 *
 * @param value the access token, without the {@code Bearer} prefix
 * @param expiresAt when the token expires
 * @since 0.1.0
 */
public record CortiAccessToken(String value, Instant expiresAt) {

	@Override
	public String toString() {
		return "CortiAccessToken[expiresAt=" + this.expiresAt + "]";
	}

}
