package ai.corti.spring.auth;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;

/**
 * How long a server asked the client to wait: {@code Retry-After} in seconds or as an
 * HTTP date (RFC 9110), else {@code X-RateLimit-Reset} in seconds from now or as epoch
 * seconds. Unreadable or past values count as absent.
 */
final class RetryAfter {

	static final String RATE_LIMIT_RESET = "X-RateLimit-Reset";

	/**
	 * Values above this are epoch seconds (any date after 2001), below it delays in
	 * seconds.
	 */
	private static final long EPOCH_SECONDS_THRESHOLD = 1_000_000_000L;

	private RetryAfter() {
	}

	/**
	 * The wait from {@code Retry-After} only, or {@code null}.
	 * @param headers the headers of the answer
	 * @param clock the clock that an HTTP date is compared with
	 * @return the wait, or {@code null}
	 */
	static @Nullable Duration of(HttpHeaders headers, Clock clock) {
		String value = headers.getFirst(HttpHeaders.RETRY_AFTER);
		if (value == null || value.isBlank()) {
			return null;
		}
		String trimmed = value.trim();
		if (trimmed.chars().allMatch(Character::isDigit)) {
			return seconds(trimmed);
		}
		try {
			Instant at = ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
			Duration wait = Duration.between(clock.instant(), at);
			return wait.isNegative() ? Duration.ZERO : wait;
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	/**
	 * The wait from {@code Retry-After}, else from {@code X-RateLimit-Reset}, or
	 * {@code null}.
	 * @param headers the headers of the answer
	 * @param clock the clock that a date or epoch seconds are compared with
	 * @return the wait, or {@code null}
	 */
	static @Nullable Duration orRateLimitReset(HttpHeaders headers, Clock clock) {
		Duration retryAfter = of(headers, clock);
		if (retryAfter != null) {
			return retryAfter;
		}
		String reset = headers.getFirst(RATE_LIMIT_RESET);
		if (reset == null || reset.isBlank() || !reset.trim().chars().allMatch(Character::isDigit)) {
			return null;
		}
		Duration wait = seconds(reset.trim());
		if (wait == null || wait.getSeconds() < EPOCH_SECONDS_THRESHOLD) {
			return wait;
		}
		try {
			Duration untilReset = Duration.between(clock.instant(), Instant.ofEpochSecond(wait.getSeconds()));
			return untilReset.isNegative() ? Duration.ZERO : untilReset;
		}
		catch (DateTimeException outOfRange) {
			return null;
		}
	}

	private static @Nullable Duration seconds(String digits) {
		try {
			return Duration.ofSeconds(Long.parseLong(digits));
		}
		catch (NumberFormatException tooLarge) {
			return null;
		}
	}

}
