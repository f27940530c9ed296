package ai.corti.spring.auth;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How often a token request that failed for a retryable reason is attempted again, and how long to wait in between:
 * exponential backoff from {@code initialBackoff}, capped at {@code maxBackoff}, with ±20 % jitter so that many
 * instances do not retry in step.
 */
record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {

	boolean allowsAnotherAttemptAfter(int attempt) {
		return attempt < this.maxAttempts;
	}

	Duration backoffAfter(int attempt) {
		long base = this.initialBackoff.toMillis() << Math.min(attempt - 1, 20);
		long capped = Math.min(base, this.maxBackoff.toMillis());
		double jitter = 0.8 + ThreadLocalRandom.current().nextDouble() * 0.4;
		return Duration.ofMillis(Math.round(capped * jitter));
	}

}
