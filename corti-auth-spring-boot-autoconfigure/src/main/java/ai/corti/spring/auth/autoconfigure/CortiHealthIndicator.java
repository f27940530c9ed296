package ai.corti.spring.auth.autoconfigure;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import ai.corti.spring.auth.CortiTokenException;
import ai.corti.spring.auth.CortiTokenProvider;
import ai.corti.spring.auth.CortiTokenStatus;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The {@code corti} health component. Reads the token service's state only, so probes
 * never call the token endpoint: UP while a usable token is held (even if a renewal is
 * failing, which the details show), DOWN when none is held and the last token request
 * failed, UNKNOWN before the first token was asked for. Details never contain a token.
 */
class CortiHealthIndicator implements HealthIndicator {

	private final CortiTokenProvider tokens;

	private final Clock clock;

	CortiHealthIndicator(CortiTokenProvider tokens, Clock clock) {
		this.tokens = tokens;
		this.clock = clock;
	}

	@Override
	public Health health() {
		CortiTokenStatus status = this.tokens.status();
		CortiTokenException error = status.lastError();
		Health.Builder health;
		if (status.tokenUsable()) {
			health = Health.up();
		}
		else if (error != null) {
			health = Health.down();
		}
		else {
			health = Health.unknown().withDetail("reason", "no token has been requested yet");
		}
		health.withDetail("tokenPresent", status.tokenUsable());
		Instant expiresAt = status.expiresAt();
		if (status.tokenUsable() && expiresAt != null) {
			health.withDetail("secondsUntilExpiry", Duration.between(this.clock.instant(), expiresAt).toSeconds());
		}
		if (status.lastRenewal() != null) {
			health.withDetail("lastRenewal", status.lastRenewal().toString());
		}
		health.withDetail("tokensObtained", status.tokensObtained());
		if (error != null) {
			health.withDetail("lastError", (error.getErrorCode() != null) ? error.getErrorCode()
					: (error.getStatus() != null) ? "HTTP " + error.getStatus() : "no answer");
			health.withDetail("lastErrorRetryable", error.isRetryable());
		}
		return health.build();
	}

}
