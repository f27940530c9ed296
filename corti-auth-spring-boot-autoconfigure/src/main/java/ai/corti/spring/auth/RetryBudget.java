package ai.corti.spring.auth;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.LongSupplier;

/**
 * Caps retries at a share of the calls over a sliding window: a retry is allowed while
 * the retries in the window stay below {@code minRetries + ratio × calls}. During an
 * outage the load is therefore at most {@code 1 + ratio} requests per call (plus the
 * fixed minimum), instead of {@code 1 + maxRetries}. The window is ten buckets; counts
 * are kept with atomics, so the hot path takes no lock. Concurrent retries near the limit
 * may overshoot it by a few, which is harmless for a budget.
 */
final class RetryBudget {

	private static final int BUCKETS = 10;

	private final double ratio;

	private final int minRetries;

	private final long bucketNanos;

	private final LongSupplier nanoTime;

	private final AtomicLongArray epochs = new AtomicLongArray(BUCKETS);

	private final AtomicLongArray calls = new AtomicLongArray(BUCKETS);

	private final AtomicLongArray retries = new AtomicLongArray(BUCKETS);

	RetryBudget(double ratio, int minRetries, Duration window, LongSupplier nanoTime) {
		if (ratio < 0 || minRetries < 0 || window.isNegative() || window.isZero()) {
			throw new IllegalArgumentException("ratio and minRetries must not be negative and window must be positive");
		}
		this.ratio = ratio;
		this.minRetries = minRetries;
		this.bucketNanos = Math.max(1, window.toNanos() / BUCKETS);
		this.nanoTime = nanoTime;
	}

	void recordCall() {
		this.calls.incrementAndGet(currentBucket());
	}

	/**
	 * Takes one retry from the budget, or says that there is none left.
	 * @return whether a retry was taken
	 */
	boolean tryAcquireRetry() {
		int bucket = currentBucket();
		long epoch = this.epochs.get(bucket);
		long calls = 0;
		long retries = 0;
		for (int i = 0; i < BUCKETS; i++) {
			if (epoch - this.epochs.get(i) < BUCKETS) {
				calls += this.calls.get(i);
				retries += this.retries.get(i);
			}
		}
		if (retries >= this.minRetries + this.ratio * calls) {
			return false;
		}
		this.retries.incrementAndGet(bucket);
		return true;
	}

	/**
	 * The bucket of now, emptied first when it last served an older epoch.
	 * @return the index of the bucket
	 */
	private int currentBucket() {
		long epoch = this.nanoTime.getAsLong() / this.bucketNanos;
		int bucket = (int) Math.floorMod(epoch, (long) BUCKETS);
		long seen = this.epochs.get(bucket);
		if (seen != epoch && this.epochs.compareAndSet(bucket, seen, epoch)) {
			this.calls.set(bucket, 0);
			this.retries.set(bucket, 0);
		}
		return bucket;
	}

}
