package ai.corti.spring.auth;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.util.Assert;

/**
 * When a Corti API call that failed for a transient reason is sent again, shared by every
 * client of one Corti client registration ({@link CortiAuthInterceptor},
 * {@link CortiAuthFilter}):
 * <ul>
 * <li>{@code GET}, {@code HEAD}, {@code OPTIONS}, {@code PUT} and {@code DELETE} on I/O
 * errors and timeouts, on {@code 408}, {@code 502}, {@code 503} and {@code 504}, and on
 * {@code 429} only when it carries {@code Retry-After} (at Corti a bare {@code 429} can
 * mean an expired trial);</li>
 * <li>{@code POST} and {@code PATCH} only when the connection could not be made, so the
 * server never saw them: an answered request is never sent twice;</li>
 * <li>at most {@code maxRetries} times, after an exponential backoff with ±20 % jitter,
 * or after the wait that {@code Retry-After}/{@code X-RateLimit-Reset} asks for; an
 * answer that asks for longer than {@code maxRetryAfter} goes to the caller at once;</li>
 * <li>within a {@linkplain RetryBudget retry budget}, so that an outage does not multiply
 * the load.</li>
 * </ul>
 * Each retry is a {@code corti.http.retry} observation spanning its wait (a timer with
 * Micrometer metrics) and a DEBUG line.
 *
 * @since 0.1.0
 */
public final class CortiApiRetries {

	/** Retries of one call: the default of {@code corti.http.retry.max-retries}. */
	public static final int DEFAULT_MAX_RETRIES = 2;

	/**
	 * Wait before the first retry: the default of
	 * {@code corti.http.retry.initial-backoff}.
	 */
	public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofMillis(500);

	/**
	 * Longest wait before a retry: the default of {@code corti.http.retry.max-backoff}.
	 */
	public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(5);

	/**
	 * Longest {@code Retry-After} that is waited for: the default of
	 * {@code corti.http.retry.max-retry-after}.
	 */
	public static final Duration DEFAULT_MAX_RETRY_AFTER = Duration.ofSeconds(10);

	/**
	 * Share of calls that may be retries: the default of
	 * {@code corti.http.retry.budget.ratio}.
	 */
	public static final double DEFAULT_BUDGET_RATIO = 0.2;

	/**
	 * Retries allowed in every window whatever the ratio: the default of
	 * {@code corti.http.retry.budget.min-retries}.
	 */
	public static final int DEFAULT_BUDGET_MIN_RETRIES = 5;

	/**
	 * Window over which the budget counts calls: the default of
	 * {@code corti.http.retry.budget.window}.
	 */
	public static final Duration DEFAULT_BUDGET_WINDOW = Duration.ofSeconds(10);

	/** Name of the observation of one retry's wait. */
	public static final String OBSERVATION_NAME = "corti.http.retry";

	private static final Log logger = LogFactory.getLog(CortiApiRetries.class);

	private static final Set<HttpMethod> IDEMPOTENT = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS,
			HttpMethod.PUT, HttpMethod.DELETE);

	private static final Set<Integer> TRANSIENT_STATUSES = Set.of(408, 502, 503, 504);

	private final String registrationId;

	private final int maxRetries;

	private final JitteredBackoff backoff;

	private final Duration maxRetryAfter;

	private final RetryBudget budget;

	private final ObservationRegistry observations;

	private final Clock clock;

	private CortiApiRetries(Builder builder) {
		this.registrationId = builder.registrationId;
		this.maxRetries = builder.maxRetries;
		this.backoff = new JitteredBackoff(builder.initialBackoff, builder.maxBackoff);
		this.maxRetryAfter = builder.maxRetryAfter;
		this.budget = new RetryBudget(builder.budgetRatio, builder.budgetMinRetries, builder.budgetWindow,
				System::nanoTime);
		this.observations = builder.observationRegistry;
		this.clock = builder.clock;
	}

	/**
	 * No retries: every failure goes to the caller.
	 * @return the shared instance that never retries
	 */
	public static CortiApiRetries none() {
		return None.INSTANCE;
	}

	/**
	 * Starts a builder with the defaults of the {@code corti.http.retry.*} properties.
	 * @param registrationId the client registration whose calls these are, for
	 * observations and logs
	 * @return a new builder
	 * @throws IllegalArgumentException when {@code registrationId} is empty
	 */
	public static Builder builder(String registrationId) {
		return new Builder(registrationId);
	}

	boolean isEnabled() {
		return this.maxRetries > 0;
	}

	/** Counts a call (not its retries) towards the budget. */
	void recordCall() {
		if (isEnabled()) {
			this.budget.recordCall();
		}
	}

	/**
	 * The wait before sending again a request that got {@code status}, or {@code null}
	 * not to.
	 * @param method the method of the request
	 * @param retries how many times this call was retried already
	 * @param status the status of the answer
	 * @param headers the headers of the answer
	 * @return the wait, or {@code null}
	 */
	@Nullable Duration afterAnswer(HttpMethod method, int retries, int status, HttpHeaders headers) {
		if (retries >= this.maxRetries || !IDEMPOTENT.contains(method)) {
			return null;
		}
		Duration asked;
		if (status == 429) {
			asked = RetryAfter.of(headers, this.clock);
			if (asked == null) {
				return null;
			}
		}
		else if (TRANSIENT_STATUSES.contains(status)) {
			asked = RetryAfter.orRateLimitReset(headers, this.clock);
		}
		else {
			return null;
		}
		if (asked != null && asked.compareTo(this.maxRetryAfter) > 0) {
			return null;
		}
		Duration backoff = backoff(retries + 1);
		Duration wait = (asked != null && asked.compareTo(backoff) > 0) ? asked : backoff;
		return this.budget.tryAcquireRetry() ? wait : exhausted();
	}

	/**
	 * The wait before sending again a request that failed with {@code failure}, or
	 * {@code null} not to.
	 * @param method the method of the request
	 * @param retries how many times this call was retried already
	 * @param failure the failure of the request
	 * @return the wait, or {@code null}
	 */
	@Nullable Duration afterFailure(HttpMethod method, int retries, Throwable failure) {
		if (retries >= this.maxRetries || failure instanceof CortiException || Thread.currentThread().isInterrupted()) {
			return null;
		}
		boolean safe = IDEMPOTENT.contains(method) ? TransportFailures.isIoFailure(failure)
				: TransportFailures.neverReachedServer(failure);
		if (!safe) {
			return null;
		}
		return this.budget.tryAcquireRetry() ? backoff(retries + 1) : exhausted();
	}

	/**
	 * Starts the observation of a retry's wait and says so at DEBUG; stop it when the
	 * wait is over.
	 * @param method the method of the request
	 * @param uri the URI of the request, logged without its query
	 * @param retry the number of this retry, from 1
	 * @param reason why the request is sent again, such as {@code status 503}
	 * @param wait the wait before the request is sent again
	 * @return the started observation
	 */
	Observation retrying(HttpMethod method, URI uri, int retry, String reason, Duration wait) {
		if (logger.isDebugEnabled()) {
			logger.debug("Retrying " + method + " " + withoutQuery(uri) + " (retry " + retry + " of " + this.maxRetries
					+ ") in " + wait.toMillis() + " ms after " + reason);
		}
		return Observation.createNotStarted(OBSERVATION_NAME, this.observations)
			.contextualName("corti retry wait")
			.lowCardinalityKeyValue("corti.registration", this.registrationId)
			.lowCardinalityKeyValue("http.method", method.name())
			.lowCardinalityKeyValue("reason", reason.replace(' ', '_'))
			.start();
	}

	/**
	 * Low-cardinality reason of a retry after a failure: {@code connect_error} or
	 * {@code io_error}.
	 * @param failure the failure of the request
	 * @return the reason
	 */
	static String reasonFor(Throwable failure) {
		return TransportFailures.neverReachedServer(failure) ? "connect_error" : "io_error";
	}

	private @Nullable Duration exhausted() {
		if (logger.isDebugEnabled()) {
			logger.debug("Not retrying a failed Corti API call of registration '" + this.registrationId
					+ "': the retry budget is used up");
		}
		return null;
	}

	private Duration backoff(int retry) {
		return this.backoff.beforeRetry(retry);
	}

	private static String withoutQuery(URI uri) {
		String text = uri.toString();
		int query = text.indexOf('?');
		return (query < 0) ? text : text.substring(0, query);
	}

	@Override
	public String toString() {
		return "CortiApiRetries[registration=" + this.registrationId + ", maxRetries=" + this.maxRetries + "]";
	}

	/**
	 * Holds the instance that never retries, made when first asked for rather than when
	 * the class is loaded (the properties' defaults load it at startup).
	 */
	private static final class None {

		static final CortiApiRetries INSTANCE = new CortiApiRetries(new Builder("none").maxRetries(0));

	}

	/**
	 * Builder of {@link CortiApiRetries}; defaults match the {@code corti.http.retry.*}
	 * properties.
	 *
	 * @since 0.1.0
	 */
	public static final class Builder {

		private final String registrationId;

		private int maxRetries = DEFAULT_MAX_RETRIES;

		private Duration initialBackoff = DEFAULT_INITIAL_BACKOFF;

		private Duration maxBackoff = DEFAULT_MAX_BACKOFF;

		private Duration maxRetryAfter = DEFAULT_MAX_RETRY_AFTER;

		private double budgetRatio = DEFAULT_BUDGET_RATIO;

		private int budgetMinRetries = DEFAULT_BUDGET_MIN_RETRIES;

		private Duration budgetWindow = DEFAULT_BUDGET_WINDOW;

		private ObservationRegistry observationRegistry = ObservationRegistry.NOOP;

		private Clock clock = Clock.systemUTC();

		private Builder(String registrationId) {
			Assert.hasText(registrationId, "'registrationId' must not be empty");
			this.registrationId = registrationId;
		}

		/**
		 * Retries of one call on top of its first attempt; 0 turns retries off.
		 * @param maxRetries the maximum number of retries of one call (default 2)
		 * @return this builder
		 * @throws IllegalArgumentException when {@code maxRetries} is negative
		 */
		public Builder maxRetries(int maxRetries) {
			Assert.isTrue(maxRetries >= 0, "'maxRetries' must not be negative");
			this.maxRetries = maxRetries;
			return this;
		}

		/**
		 * Wait before the first retry, doubled for each further one up to
		 * {@code maxBackoff}, then varied by ±20 % jitter. A longer wait asked for by the
		 * server is used instead.
		 * @param initialBackoff the wait before the first retry (default 500 ms)
		 * @param maxBackoff the upper bound of the wait before jitter (default 5 s)
		 * @return this builder
		 */
		public Builder backoff(Duration initialBackoff, Duration maxBackoff) {
			this.initialBackoff = initialBackoff;
			this.maxBackoff = maxBackoff;
			return this;
		}

		/**
		 * Longest wait a {@code Retry-After} or {@code X-RateLimit-Reset} may ask for and
		 * still be retried; an answer that asks for longer goes to the caller at once.
		 * @param maxRetryAfter the longest wait a server may ask for (default 10 s)
		 * @return this builder
		 */
		public Builder maxRetryAfter(Duration maxRetryAfter) {
			this.maxRetryAfter = maxRetryAfter;
			return this;
		}

		/**
		 * The retry budget: retries in any {@code window} stay below
		 * {@code minRetries + ratio × calls}. Checked by {@link #build()}.
		 * @param ratio the retries allowed per call made in the window, not negative
		 * (default 0.2)
		 * @param minRetries the retries allowed in every window whatever the traffic, not
		 * negative (default 5)
		 * @param window the sliding window over which calls and retries are counted,
		 * positive (default 10 s)
		 * @return this builder
		 */
		public Builder budget(double ratio, int minRetries, Duration window) {
			this.budgetRatio = ratio;
			this.budgetMinRetries = minRetries;
			this.budgetWindow = window;
			return this;
		}

		/**
		 * Registry for the {@code corti.http.retry} observation.
		 * @param observationRegistry the observation registry (default
		 * {@link ObservationRegistry#NOOP})
		 * @return this builder
		 */
		public Builder observationRegistry(ObservationRegistry observationRegistry) {
			this.observationRegistry = observationRegistry;
			return this;
		}

		/**
		 * Clock used to turn a {@code Retry-After} date or an {@code X-RateLimit-Reset}
		 * epoch time into a wait.
		 * @param clock the clock (default {@link Clock#systemUTC()})
		 * @return this builder
		 */
		public Builder clock(Clock clock) {
			this.clock = clock;
			return this;
		}

		/**
		 * Builds the retries from this builder's settings.
		 * @return the retries
		 * @throws IllegalArgumentException when the budget's ratio or minimum is negative
		 * or its window is not positive
		 */
		public CortiApiRetries build() {
			return new CortiApiRetries(this);
		}

	}

}
