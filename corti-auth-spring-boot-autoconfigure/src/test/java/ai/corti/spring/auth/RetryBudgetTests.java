package ai.corti.spring.auth;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RetryBudgetTests {

	private final AtomicLong nanos = new AtomicLong(Duration.ofHours(1).toNanos());

	private RetryBudget budget(double ratio, int minRetries) {
		return new RetryBudget(ratio, minRetries, Duration.ofSeconds(10), this.nanos::get);
	}

	private static int retriesAllowed(RetryBudget budget, int attempts) {
		int allowed = 0;
		for (int i = 0; i < attempts; i++) {
			if (budget.tryAcquireRetry()) {
				allowed++;
			}
		}
		return allowed;
	}

	@Test
	void aQuietApplicationStillGetsTheMinimumNumberOfRetries() {
		RetryBudget budget = budget(0.2, 3);
		budget.recordCall();
		assertThat(retriesAllowed(budget, 10)).isEqualTo(4);
	}

	@Test
	void retriesGrowWithTheCallsInTheWindow() {
		RetryBudget budget = budget(0.2, 0);
		for (int i = 0; i < 100; i++) {
			budget.recordCall();
		}
		assertThat(retriesAllowed(budget, 100)).isEqualTo(20);
	}

	@Test
	void callsAndRetriesOutsideTheWindowNoLongerCount() {
		RetryBudget budget = budget(0.2, 0);
		for (int i = 0; i < 100; i++) {
			budget.recordCall();
		}
		assertThat(retriesAllowed(budget, 100)).isEqualTo(20);
		this.nanos.addAndGet(Duration.ofSeconds(11).toNanos());
		assertThat(retriesAllowed(budget, 100)).isZero();
		for (int i = 0; i < 10; i++) {
			budget.recordCall();
		}
		assertThat(retriesAllowed(budget, 100)).isEqualTo(2);
	}

	@Test
	void theWindowSlidesBucketByBucket() {
		RetryBudget budget = budget(1.0, 0);
		for (int i = 0; i < 10; i++) {
			budget.recordCall();
		}
		this.nanos.addAndGet(Duration.ofSeconds(5).toNanos());
		for (int i = 0; i < 10; i++) {
			budget.recordCall();
		}
		this.nanos.addAndGet(Duration.ofSeconds(6).toNanos());
		assertThat(retriesAllowed(budget, 100)).isEqualTo(10);
	}

	@Test
	void negativeSettingsAreRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> budget(-0.1, 0));
		assertThatIllegalArgumentException().isThrownBy(() -> new RetryBudget(0.2, 1, Duration.ZERO, this.nanos::get));
	}

}
