package ai.corti.spring.auth;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import ai.corti.spring.auth.CortiTokenObservationDocumentation.TokenFetchEvents;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.BackOffExecution;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Runs the token requests of one {@link TokenCache} and times its renewals. A request is
 * a series of attempts, each a {@code corti.token.fetch} observation; a retryable failure
 * is attempted again after the next interval of Spring's {@link ExponentialBackOff} (or
 * the token endpoint's {@code Retry-After}, when longer and within the longest backoff).
 * Attempts and the waits between them run on {@code fetches}; the timer only keeps time
 * and hands work over, so it may be shared by many caches.
 */
final class TokenFetcher {

	private static final Log logger = LogFactory.getLog(TokenFetcher.class);

	private static final CortiTokenFetchObservationConvention DEFAULT_CONVENTION = new DefaultCortiTokenFetchObservationConvention();

	private final TokenClient client;

	private final BackOff backOff;

	private final Duration maxBackoff;

	private final Clock clock;

	private final ScheduledExecutorService timer;

	private final Executor fetches;

	private final ObservationRegistry observations;

	private final @Nullable CortiTokenFetchObservationConvention convention;

	private volatile @Nullable ScheduledFuture<?> scheduledRenewal;

	TokenFetcher(TokenClient client, int maxAttempts, Duration initialBackoff, Duration maxBackoff, Clock clock,
			ScheduledExecutorService timer, Executor fetches, ObservationRegistry observations,
			@Nullable CortiTokenFetchObservationConvention convention) {
		this.client = client;
		this.backOff = backOff(maxAttempts, initialBackoff, maxBackoff);
		this.maxBackoff = maxBackoff;
		this.clock = clock;
		this.timer = timer;
		this.fetches = fetches;
		this.observations = observations;
		this.convention = convention;
	}

	/**
	 * The waits between the attempts of one request, {@code maxAttempts - 1} of them:
	 * from {@code initialBackoff}, doubling, with up to 20 % jitter either way so that
	 * many instances do not retry in step, never shorter than {@code initialBackoff} nor
	 * longer than {@code maxBackoff}.
	 * @param maxAttempts the attempts of one request, the first one included
	 * @param initialBackoff the first wait
	 * @param maxBackoff the longest wait
	 * @return the back-off
	 */
	static ExponentialBackOff backOff(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {
		ExponentialBackOff backOff = new ExponentialBackOff(initialBackoff.toMillis(), 2.0);
		backOff.setMaxInterval(maxBackoff.toMillis());
		backOff.setMaxAttempts(maxAttempts - 1);
		backOff.setJitter(initialBackoff.toMillis() / 5);
		return backOff;
	}

	String registrationId() {
		return this.client.registrationId();
	}

	URI tokenUri() {
		return this.client.tokenUri();
	}

	/**
	 * The longest wait between two attempts; a failed request is not repeated sooner.
	 * @return the longest wait
	 */
	Duration maxBackoff() {
		return this.maxBackoff;
	}

	/**
	 * Starts a request on the fetch executor.
	 * @param trigger why the token is fetched, for the observation
	 * @param caller the observation of the call that waits, parent of each attempt's
	 * observation
	 * @param outcome told of the token or of the failure, once
	 * @return {@code false} when the fetch executor no longer takes work (the service is
	 * closed)
	 */
	boolean start(String trigger, @Nullable Observation caller, Outcome outcome) {
		Request request = new Request(trigger, caller, outcome, this.backOff.start());
		return execute(() -> attempt(request, 1));
	}

	/**
	 * Runs {@code renewal} at {@code at} (on the fetch executor), replacing a renewal
	 * timed before.
	 * @param at when to run the renewal
	 * @param renewal the renewal to run
	 */
	void renewAt(Instant at, Runnable renewal) {
		cancelRenewal();
		Duration delay = Duration.between(this.clock.instant(), at);
		try {
			this.scheduledRenewal = this.timer.schedule(() -> execute(renewal), Math.max(0, delay.toNanos()),
					TimeUnit.NANOSECONDS);
		}
		catch (RejectedExecutionException shutDown) {
			// The timer was shut down with the application: no more renewals.
		}
	}

	void cancelRenewal() {
		ScheduledFuture<?> renewal = this.scheduledRenewal;
		if (renewal != null) {
			renewal.cancel(false);
		}
	}

	private void attempt(Request request, int attempt) {
		if (request.outcome().isClosed()) {
			request.outcome().failed(closed());
			return;
		}
		try {
			attemptOnce(request, attempt);
		}
		catch (Throwable ex) {
			// Whatever went wrong (an observation handler, an Error), nobody may be left
			// waiting on this request.
			request.outcome()
				.failed(new CortiTokenException(registrationId(), tokenUri(), null, null,
						"unexpected " + ex.getClass().getSimpleName(), false, null));
		}
	}

	private void attemptOnce(Request request, int attempt) {
		CortiTokenFetchObservationContext context = new CortiTokenFetchObservationContext(registrationId(),
				request.trigger());
		Observation observation = CortiTokenObservationDocumentation.TOKEN_FETCH
			.observation(this.convention, DEFAULT_CONVENTION, () -> context, this.observations)
			.parentObservation(request.caller())
			.start();
		IssuedToken token;
		// In scope, so that the token endpoint's own HTTP observation is a child of this
		// one.
		try (Observation.Scope scope = observation.openScope()) {
			token = this.client.fetch();
		}
		catch (CortiTokenException ex) {
			observation.error(ex);
			Duration backoff = nextBackoff(ex, request.backOff());
			if (backoff != null) {
				observation.event(TokenFetchEvents.RETRY);
			}
			observation.stop();
			if (backoff == null) {
				request.outcome().failed(ex);
				return;
			}
			if (logger.isDebugEnabled()) {
				logger.debug("Token request attempt " + attempt + " failed, retrying in " + backoff.toMillis() + " ms: "
						+ ex.getMessage());
			}
			if (!executeAfter(() -> attempt(request, attempt + 1), backoff)) {
				request.outcome().failed(ex);
			}
			return;
		}
		catch (RuntimeException ex) {
			observation.error(ex).stop();
			throw ex;
		}
		context.succeeded();
		if (TokenCache.TRIGGER_RENEWAL.equals(request.trigger())) {
			observation.event(TokenFetchEvents.RENEWAL);
		}
		else if (TokenCache.TRIGGER_REJECTION.equals(request.trigger())) {
			observation.event(TokenFetchEvents.REJECTION);
		}
		observation.stop();
		request.outcome().obtained(token);
	}

	/**
	 * The wait before the next attempt of this request, or {@code null} when the callers
	 * get the failure now: a permanent error, no attempts left, or a {@code Retry-After}
	 * longer than the longest backoff (callers are not held that long; they get the
	 * exception, which says when the endpoint will be asked again).
	 * @param ex the failure of the last attempt
	 * @param backOff the back-off of this request
	 * @return the wait, or {@code null}
	 */
	private @Nullable Duration nextBackoff(CortiTokenException ex, BackOffExecution backOff) {
		if (!ex.isRetryable()) {
			return null;
		}
		long next = backOff.nextBackOff();
		if (next == BackOffExecution.STOP) {
			return null;
		}
		Duration backoff = Duration.ofMillis(next);
		Instant retryAt = ex.getRetryAt();
		if (retryAt == null) {
			return backoff;
		}
		Duration wait = Duration.between(this.clock.instant(), retryAt);
		if (wait.compareTo(this.maxBackoff) > 0) {
			return null;
		}
		return (wait.compareTo(backoff) > 0) ? wait : backoff;
	}

	private boolean execute(Runnable task) {
		try {
			this.fetches.execute(task);
			return true;
		}
		catch (RejectedExecutionException closed) {
			return false;
		}
	}

	/**
	 * Runs {@code task} on the fetch executor after {@code delay}, the timer only keeping
	 * the time.
	 * @param task the task to run
	 * @param delay the wait before it runs
	 * @return {@code false} when the timer no longer takes work (it was shut down)
	 */
	private boolean executeAfter(Runnable task, Duration delay) {
		try {
			this.timer.schedule(() -> {
				if (!execute(task)) {
					// Closed while the task waited: run it here, it only tells the
					// waiting callers so.
					task.run();
				}
			}, delay.toMillis(), TimeUnit.MILLISECONDS);
			return true;
		}
		catch (RejectedExecutionException shutDown) {
			return false;
		}
	}

	CortiTokenException closed() {
		return new CortiTokenException(registrationId(), tokenUri(), null, null, "the token service is closed", false,
				null);
	}

	/** Where a request's result goes. */
	interface Outcome {

		void obtained(IssuedToken token);

		void failed(CortiTokenException ex);

		/**
		 * Whether the cache was closed: a request stops before its next attempt.
		 * @return whether the cache was closed
		 */
		boolean isClosed();

	}

	private record Request(String trigger, @Nullable Observation caller, Outcome outcome, BackOffExecution backOff) {
	}

}
