package ai.corti.spring.auth;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The wait before an API call's n-th retry: exponential from {@code initialBackoff},
 * capped at {@code maxBackoff}, with ±20 % jitter so that many instances do not retry in
 * step. A function of the retry's number rather than Spring's stateful
 * {@code BackOffExecution}, because the number travels with each call (in the
 * interceptor's loop and in the {@code WebClient} retry signals), and the same policy is
 * shared by every call.
 */
record JitteredBackoff(Duration initialBackoff, Duration maxBackoff) {

	Duration beforeRetry(int retry) {
		long base = this.initialBackoff.toMillis() << Math.min(retry - 1, 20);
		long capped = Math.min(base, this.maxBackoff.toMillis());
		double jitter = 0.8 + ThreadLocalRandom.current().nextDouble() * 0.4;
		return Duration.ofMillis(Math.round(capped * jitter));
	}

}
