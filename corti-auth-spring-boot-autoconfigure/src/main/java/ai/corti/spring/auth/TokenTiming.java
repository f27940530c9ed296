package ai.corti.spring.auth;

import java.time.Duration;
import java.time.Instant;

/**
 * Decides when a token is renewed and until when it is handed out. Both configured
 * durations are capped so that a short-lived token is still used for at least a third of
 * its life and renewal always starts before the token stops being handed out.
 */
record TokenTiming(Duration renewBeforeExpiry, Duration expiryMargin) {

	TokenTiming {
		if (renewBeforeExpiry.compareTo(expiryMargin) <= 0) {
			throw new IllegalArgumentException(
					"renewBeforeExpiry (" + renewBeforeExpiry + ") must be longer than expiryMargin (" + expiryMargin
							+ "), or every renewal would make callers wait");
		}
	}

	IssuedToken schedule(String value, Instant issuedAt, Duration lifetime) {
		Duration third = lifetime.dividedBy(3);
		Duration margin = min(this.expiryMargin, third);
		Duration renewBefore = min(max(this.renewBeforeExpiry, margin), lifetime.minus(third));
		Instant expiresAt = issuedAt.plus(lifetime);
		return new IssuedToken(value, issuedAt, expiresAt, expiresAt.minus(renewBefore), expiresAt.minus(margin));
	}

	private static Duration min(Duration a, Duration b) {
		return (a.compareTo(b) <= 0) ? a : b;
	}

	private static Duration max(Duration a, Duration b) {
		return (a.compareTo(b) >= 0) ? a : b;
	}

}
