package ai.corti.spring.auth;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.web.client.ResourceAccessException;

import static org.assertj.core.api.Assertions.assertThat;

class CortiApiRetriesTests {

	private final CortiApiRetries retries = CortiApiRetries.builder("corti")
		.backoff(Duration.ofMillis(100), Duration.ofMillis(400))
		.budget(0.2, 1000, Duration.ofSeconds(10))
		.clock(Clock.fixed(Instant.parse("2026-11-30T10:00:00Z"), ZoneOffset.UTC))
		.build();

	private static HttpHeaders headers(String name, String value) {
		HttpHeaders headers = new HttpHeaders();
		headers.set(name, value);
		return headers;
	}

	@ParameterizedTest(name = "{0} {1} retried: {2}")
	@CsvSource({ "GET, 503, true", "HEAD, 502, true", "OPTIONS, 504, true", "PUT, 408, true", "DELETE, 503, true",
			"GET, 500, false", "GET, 501, false", "GET, 400, false", "GET, 401, false", "GET, 403, false",
			"GET, 404, false", "GET, 429, false", "POST, 503, false", "PATCH, 502, false", "POST, 408, false" })
	void answersAreRetriedOnlyForIdempotentMethodsAndTransientStatuses(String method, int status, boolean retried) {
		assertThat(this.retries.afterAnswer(HttpMethod.valueOf(method), 0, status, new HttpHeaders()) != null)
			.isEqualTo(retried);
	}

	@Test
	void a429IsRetriedOnlyWithRetryAfterAndNotOnRateLimitResetAlone() {
		assertThat(this.retries.afterAnswer(HttpMethod.GET, 0, 429, headers("X-RateLimit-Reset", "1"))).isNull();
		assertThat(this.retries.afterAnswer(HttpMethod.GET, 0, 429, headers("Retry-After", "2")))
			.isEqualTo(Duration.ofSeconds(2));
	}

	@Test
	void theWaitIsTheLongerOfBackoffAndWhatTheServerAskedFor() {
		assertThat(this.retries.afterAnswer(HttpMethod.GET, 0, 503, headers("X-RateLimit-Reset", "3")))
			.isEqualTo(Duration.ofSeconds(3));
		assertThat(this.retries.afterAnswer(HttpMethod.GET, 0, 503, headers("Retry-After", "0")))
			.isBetween(Duration.ofMillis(80), Duration.ofMillis(120));
	}

	@Test
	void backoffDoublesWithJitterUpToItsCap() {
		assertThat(this.retries.afterAnswer(HttpMethod.GET, 1, 503, new HttpHeaders()))
			.isBetween(Duration.ofMillis(160), Duration.ofMillis(240));
		CortiApiRetries many = CortiApiRetries.builder("corti")
			.maxRetries(10)
			.backoff(Duration.ofMillis(100), Duration.ofMillis(400))
			.build();
		assertThat(many.afterAnswer(HttpMethod.GET, 8, 503, new HttpHeaders())).isBetween(Duration.ofMillis(320),
				Duration.ofMillis(480));
	}

	@Test
	void aWaitLongerThanTheCapIsNotRetried() {
		assertThat(this.retries.afterAnswer(HttpMethod.GET, 0, 503, headers("Retry-After", "11"))).isNull();
	}

	@Test
	void noMoreThanMaxRetries() {
		assertThat(this.retries.afterAnswer(HttpMethod.GET, 1, 503, new HttpHeaders())).isNotNull();
		assertThat(this.retries.afterAnswer(HttpMethod.GET, 2, 503, new HttpHeaders())).isNull();
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource({ "refused", "unknown host", "jdk connect timeout", "url connection connect timeout",
			"jetty connect timeout" })
	void postIsRetriedWhenTheConnectionCouldNotBeMade(String kind) {
		IOException failure = switch (kind) {
			case "refused" -> new ConnectException("Connection refused");
			case "unknown host" -> new UnknownHostException("api.nowhere.example");
			case "jdk connect timeout" -> new HttpConnectTimeoutException("HTTP connect timed out");
			case "jetty connect timeout" -> new SocketTimeoutException("Connect Timeout");
			default -> new SocketTimeoutException("Connect timed out");
		};
		assertThat(this.retries.afterFailure(HttpMethod.POST, 0, new ResourceAccessException("I/O", failure)))
			.isNotNull();
		assertThat(CortiApiRetries.reasonFor(failure)).isEqualTo("connect_error");
	}

	@Test
	void postIsNotRetriedWhenTheRequestMayHaveReachedTheServer() {
		assertThat(this.retries.afterFailure(HttpMethod.POST, 0, new SocketTimeoutException("Read timed out")))
			.isNull();
		assertThat(this.retries.afterFailure(HttpMethod.PATCH, 0, new IOException("Connection reset"))).isNull();
	}

	@Test
	void idempotentMethodsAreRetriedOnAnyIoError() {
		assertThat(this.retries.afterFailure(HttpMethod.GET, 0, new IOException("Connection reset"))).isNotNull();
		assertThat(CortiApiRetries.reasonFor(new IOException("Connection reset"))).isEqualTo("io_error");
	}

	@Test
	void tokenAndProgrammingErrorsAreNeverRetried() {
		CortiTokenException token = new CortiTokenException("corti", URI.create("http://localhost/token"), 503, null,
				null, true, null);
		assertThat(this.retries.afterFailure(HttpMethod.GET, 0, token)).isNull();
		assertThat(this.retries.afterFailure(HttpMethod.GET, 0, new IllegalStateException("bug"))).isNull();
	}

	@Test
	void noneNeverRetries() {
		assertThat(CortiApiRetries.none().afterAnswer(HttpMethod.GET, 0, 503, new HttpHeaders())).isNull();
		assertThat(CortiApiRetries.none().afterFailure(HttpMethod.GET, 0, new IOException())).isNull();
	}

}
