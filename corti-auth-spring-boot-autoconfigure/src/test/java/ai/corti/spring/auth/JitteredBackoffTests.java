package ai.corti.spring.auth;

import java.time.Duration;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JitteredBackoffTests {

	private final JitteredBackoff backoff = new JitteredBackoff(Duration.ofMillis(100), Duration.ofMillis(1000));

	@RepeatedTest(20)
	void eachRetryWaitsTwiceAsLongWithinTwentyPercent() {
		assertThat(this.backoff.beforeRetry(1).toMillis()).isBetween(80L, 120L);
		assertThat(this.backoff.beforeRetry(2).toMillis()).isBetween(160L, 240L);
		assertThat(this.backoff.beforeRetry(3).toMillis()).isBetween(320L, 480L);
	}

	@RepeatedTest(20)
	void theLongestWaitIsCappedBeforeTheJitter() {
		assertThat(this.backoff.beforeRetry(5).toMillis()).isBetween(800L, 1200L);
		assertThat(this.backoff.beforeRetry(1000).toMillis()).isBetween(800L, 1200L);
	}

	@Test
	void theJitterSpreadsTheWaits() {
		long distinct = java.util.stream.IntStream.range(0, 50)
			.mapToLong((i) -> this.backoff.beforeRetry(3).toMillis())
			.distinct()
			.count();
		assertThat(distinct).isGreaterThan(5);
	}

}
