package ai.corti.sample;

import java.time.Instant;

/**
 * What a browser gets from {@code GET /corti/frontend-token}: a Corti token that opens
 * one kind of real-time socket, when it expires and which kind. {@link #toString()}
 * leaves the token out, so that it cannot reach a log.
 *
 * @param token the access token, to send as {@code token=Bearer <token>} when opening the
 * socket
 * @param expiresAt when the token expires; ask for a new one before that, for every
 * connect
 * @param scope {@code streams} or {@code transcribe}
 */
record FrontendToken(String token, Instant expiresAt, String scope) {

	@Override
	public String toString() {
		return "FrontendToken[scope=" + this.scope + ", expiresAt=" + this.expiresAt + "]";
	}

}
