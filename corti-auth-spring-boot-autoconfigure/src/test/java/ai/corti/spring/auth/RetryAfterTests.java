package ai.corti.spring.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;

class RetryAfterTests {

	private static final Instant NOW = Instant.parse("2026-11-30T10:00:00Z");

	private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

	private static HttpHeaders headers(String name, String value) {
		HttpHeaders headers = new HttpHeaders();
		headers.set(name, value);
		return headers;
	}

	@Test
	void secondsAreADelay() {
		assertThat(RetryAfter.of(headers("Retry-After", " 120 "), this.clock)).isEqualTo(Duration.ofSeconds(120));
	}

	@Test
	void anHttpDateIsTheTimeToWaitFor() {
		assertThat(RetryAfter.of(headers("Retry-After", "Mon, 30 Nov 2026 10:01:30 GMT"), this.clock))
			.isEqualTo(Duration.ofSeconds(90));
	}

	@Test
	void aPastDateMeansNoWait() {
		assertThat(RetryAfter.of(headers("Retry-After", "Mon, 30 Nov 2026 09:00:00 GMT"), this.clock))
			.isEqualTo(Duration.ZERO);
	}

	@Test
	void unreadableValuesCountAsAbsent() {
		assertThat(RetryAfter.of(headers("Retry-After", "soon"), this.clock)).isNull();
		assertThat(RetryAfter.of(headers("Retry-After", "-5"), this.clock)).isNull();
		assertThat(RetryAfter.of(headers("Retry-After", "99999999999999999999999"), this.clock)).isNull();
		assertThat(RetryAfter.of(new HttpHeaders(), this.clock)).isNull();
	}

	@Test
	void rateLimitResetIsSecondsFromNowOrEpochSeconds() {
		assertThat(RetryAfter.orRateLimitReset(headers("X-RateLimit-Reset", "7"), this.clock))
			.isEqualTo(Duration.ofSeconds(7));
		assertThat(RetryAfter.orRateLimitReset(
				headers("X-RateLimit-Reset", String.valueOf(NOW.plusSeconds(42).getEpochSecond())), this.clock))
			.isEqualTo(Duration.ofSeconds(42));
	}

	@Test
	void retryAfterWinsOverRateLimitReset() {
		HttpHeaders headers = headers("Retry-After", "3");
		headers.set("X-RateLimit-Reset", "30");
		assertThat(RetryAfter.orRateLimitReset(headers, this.clock)).isEqualTo(Duration.ofSeconds(3));
	}

	@Test
	void anEpochBeyondWhatAnInstantHoldsCountsAsAbsent() {
		assertThat(RetryAfter.orRateLimitReset(headers("X-RateLimit-Reset", "999999999999999999"), this.clock))
			.isNull();
	}

}
