package ai.corti.spring.auth;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import org.springframework.util.backoff.BackOffExecution;

import static org.assertj.core.api.Assertions.assertThat;

class TokenFetcherTests {

	@RepeatedTest(20)
	void waitsDoubleWithJitterWithinTheBoundsAndStopWhenNoAttemptIsLeft() {
		BackOffExecution execution = TokenFetcher.backOff(5, Duration.ofMillis(100), Duration.ofMillis(500)).start();
		List<Long> waits = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			waits.add(execution.nextBackOff());
		}
		assertThat(execution.nextBackOff()).isEqualTo(BackOffExecution.STOP);
		assertThat(waits.get(0)).isBetween(100L, 120L);
		assertThat(waits.get(1)).isBetween(160L, 240L);
		assertThat(waits.get(2)).isBetween(320L, 480L);
		assertThat(waits.get(3)).isBetween(400L, 500L);
	}

	@Test
	void oneAttemptMeansNoRetry() {
		assertThat(TokenFetcher.backOff(1, Duration.ofMillis(100), Duration.ofSeconds(5)).start().nextBackOff())
			.isEqualTo(BackOffExecution.STOP);
	}

	@Test
	void everyRequestStartsFromTheInitialWait() {
		var backOff = TokenFetcher.backOff(3, Duration.ofMillis(100), Duration.ofSeconds(5));
		BackOffExecution first = backOff.start();
		first.nextBackOff();
		first.nextBackOff();
		assertThat(backOff.start().nextBackOff()).isBetween(100L, 120L);
	}

}
