package ai.corti.spring.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import ai.corti.spring.auth.CortiTokenObservationDocumentation.TokenFetchEvents;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The lifecycle of one token: fetched single-flight (every caller that needs a token while a request is under way
 * shares that request), renewed in the background from {@code renewAt} while callers keep the current token, retried
 * with backoff on retryable failures, and never handed out after {@code usableUntil}. Lock-free: callers that must
 * wait park on a {@link CompletableFuture}, so virtual threads are never pinned and reactive callers never block.
 * <p>
 * Two executors: the timer only keeps time (it may be shared by many caches, so a slow token endpoint never delays
 * another cache's renewal), and every token request, with its waits between attempts, runs on {@code fetches}.
 */
final class TokenCache {

	private static final Log logger = LogFactory.getLog(TokenCache.class);

	static final String TRIGGER_INITIAL = "initial";

	static final String TRIGGER_RENEWAL = "renewal";

	static final String TRIGGER_REJECTION = "rejection";

	static final String TRIGGER_INVALIDATION = "invalidation";

	private static final CortiTokenFetchObservationConvention DEFAULT_CONVENTION = new DefaultCortiTokenFetchObservationConvention();

	private final TokenClient client;

	private final RetryPolicy retry;

	private final Duration failureBackoff;

	private final Clock clock;

	private final ScheduledExecutorService timer;

	private final Executor fetches;

	private final ObservationRegistry observations;

	private final @Nullable CortiTokenFetchObservationConvention convention;

	private final AtomicReference<@Nullable IssuedToken> current = new AtomicReference<>();

	private final AtomicReference<@Nullable CompletableFuture<IssuedToken>> inFlight = new AtomicReference<>();

	private volatile @Nullable Failure lastFailure;

	private volatile @Nullable ScheduledFuture<?> scheduledRenewal;

	private volatile @Nullable Instant lastRejectionDrop;

	private volatile boolean rejectionPending;

	private volatile @Nullable Instant lastRenewal;

	private volatile boolean closed;

	private final AtomicLong tokensObtained = new AtomicLong();

	TokenCache(TokenClient client, RetryPolicy retry, Duration failureBackoff, Clock clock,
			ScheduledExecutorService timer, Executor fetches, ObservationRegistry observations,
			@Nullable CortiTokenFetchObservationConvention convention) {
		this.client = client;
		this.retry = retry;
		this.failureBackoff = failureBackoff;
		this.clock = clock;
		this.timer = timer;
		this.fetches = fetches;
		this.observations = observations;
		this.convention = convention;
	}

	/**
	 * The hot path: the current token if it may be handed out (starting a background renewal when one is due), else
	 * {@code null}.
	 */
	@Nullable IssuedToken usableToken() {
		Instant now = this.clock.instant();
		IssuedToken token = this.current.get();
		if (token == null || !token.isUsableAt(now)) {
			return null;
		}
		if (token.isDueForRenewalAt(now)) {
			// Nobody waits for this renewal: its observation is a root, not part of the caller's trace.
			fetchShared(now, null);
		}
		return token;
	}

	/**
	 * The current token, or the shared request that will produce one.
	 * @param caller the observation of the call that waits, parent of the fetch it starts
	 */
	CompletableFuture<IssuedToken> token(@Nullable Observation caller) {
		IssuedToken token = usableToken();
		return (token != null) ? CompletableFuture.completedFuture(token) : fetchShared(this.clock.instant(), caller);
	}

	/** Starts fetching a token in the background unless one is held or being fetched. */
	void prefetch() {
		if (usableToken() == null) {
			fetchShared(this.clock.instant(), null);
		}
	}

	/** The current token, waiting for a fetch if there is none. */
	IssuedToken awaitToken() {
		IssuedToken usable = usableToken();
		if (usable != null) {
			return usable;
		}
		try {
			return fetchShared(this.clock.instant(), this.observations.getCurrentObservation()).get();
		}
		catch (ExecutionException ex) {
			throw asTokenException(ex.getCause());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new CortiTokenException(this.client.registrationId(), this.client.tokenUri(), null, null,
					"interrupted while waiting for a token", true, ex);
		}
	}

	/** Forgets {@code tokenValue} if it is still the current token, so that the next caller fetches a new one. */
	boolean invalidate(String tokenValue) {
		IssuedToken token = this.current.get();
		return token != null && token.value().equals(tokenValue) && this.current.compareAndSet(token, null);
	}

	/**
	 * Like {@link #invalidate(String)} for a token the API rejected, but at most once per failure backoff: when the
	 * API rejects every new token (a token from another environment, say), callers get the API's answer instead of
	 * causing a token request each.
	 */
	boolean invalidateRejected(String tokenValue) {
		Instant now = this.clock.instant();
		Instant last = this.lastRejectionDrop;
		if (last != null && now.isBefore(last.plus(this.failureBackoff))) {
			return false;
		}
		if (invalidate(tokenValue)) {
			this.lastRejectionDrop = now;
			this.rejectionPending = true;
			return true;
		}
		return false;
	}

	CortiTokenStatus status() {
		IssuedToken token = this.current.get();
		Failure failure = this.lastFailure;
		boolean usable = token != null && token.isUsableAt(this.clock.instant());
		return new CortiTokenStatus(usable, (token != null) ? token.expiresAt() : null, this.lastRenewal,
				this.tokensObtained.get(), (failure != null) ? failure.exception() : null);
	}

	String registrationId() {
		return this.client.registrationId();
	}

	/** Fails a request under way (its retries will not run any more) so that nobody waits for it forever. */
	void close() {
		this.closed = true;
		ScheduledFuture<?> renewal = this.scheduledRenewal;
		if (renewal != null) {
			renewal.cancel(false);
		}
		CompletableFuture<IssuedToken> running = this.inFlight.getAndSet(null);
		if (running != null) {
			running.completeExceptionally(closed());
		}
	}

	private CortiTokenException closed() {
		return new CortiTokenException(registrationId(), this.client.tokenUri(), null, null,
				"the token service is closed", false, null);
	}

	private CompletableFuture<IssuedToken> fetchShared(Instant now, @Nullable Observation caller) {
		if (this.closed) {
			return CompletableFuture.failedFuture(closed());
		}
		while (true) {
			CompletableFuture<IssuedToken> running = this.inFlight.get();
			if (running != null) {
				return running;
			}
			Failure failure = this.lastFailure;
			if (failure != null && now.isBefore(failure.nextAttemptAt())) {
				return CompletableFuture.failedFuture(failure.exception());
			}
			CompletableFuture<IssuedToken> mine = new CompletableFuture<>();
			if (this.inFlight.compareAndSet(null, mine)) {
				IssuedToken token = this.current.get();
				if (token != null && token.isUsableAt(now) && !token.isDueForRenewalAt(now)) {
					// Another fetch completed between our first look and winning the slot.
					this.inFlight.set(null);
					mine.complete(token);
					return mine;
				}
				String trigger = trigger();
				if (!schedule(() -> attempt(mine, 1, trigger, caller), Duration.ZERO)) {
					this.inFlight.set(null);
					mine.completeExceptionally(closed());
				}
				return mine;
			}
		}
	}

	private void attempt(CompletableFuture<IssuedToken> result, int attempt, String trigger,
			@Nullable Observation caller) {
		if (this.closed) {
			fail(result, closed());
			return;
		}
		try {
			attemptOnce(result, attempt, trigger, caller);
		}
		catch (Throwable ex) {
			// Whatever went wrong (an observation handler, an Error), nobody may be left waiting on this request.
			fail(result, new CortiTokenException(registrationId(), this.client.tokenUri(), null, null,
					"unexpected " + ex.getClass().getSimpleName(), false, null));
		}
	}

	private void attemptOnce(CompletableFuture<IssuedToken> result, int attempt, String trigger,
			@Nullable Observation caller) {
		CortiTokenFetchObservationContext context = new CortiTokenFetchObservationContext(registrationId(), trigger);
		Observation observation = CortiTokenObservationDocumentation.TOKEN_FETCH
			.observation(this.convention, DEFAULT_CONVENTION, () -> context, this.observations)
			.parentObservation(caller)
			.start();
		IssuedToken token;
		// In scope, so that the token endpoint's own HTTP observation is a child of this one.
		try (Observation.Scope scope = observation.openScope()) {
			token = this.client.fetch();
		}
		catch (CortiTokenException ex) {
			observation.error(ex);
			Duration backoff = nextBackoff(ex, attempt);
			if (backoff != null) {
				observation.event(TokenFetchEvents.RETRY);
			}
			observation.stop();
			if (backoff != null) {
				if (logger.isDebugEnabled()) {
					logger.debug("Token request attempt " + attempt + " failed, retrying in " + backoff.toMillis()
							+ " ms: " + ex.getMessage());
				}
				if (!schedule(() -> attempt(result, attempt + 1, trigger, caller), backoff)) {
					fail(result, ex);
				}
				return;
			}
			fail(result, ex);
			return;
		}
		catch (RuntimeException ex) {
			observation.error(ex).stop();
			throw ex;
		}
		context.succeeded();
		if (TRIGGER_RENEWAL.equals(trigger)) {
			observation.event(TokenFetchEvents.RENEWAL);
		}
		else if (TRIGGER_REJECTION.equals(trigger)) {
			observation.event(TokenFetchEvents.REJECTION);
		}
		observation.stop();
		if (logger.isDebugEnabled()) {
			logger.debug("Obtained a Corti access token for registration '" + registrationId() + "', valid for "
					+ token.lifetime().toSeconds() + " s; renewal from " + token.renewAt());
		}
		this.current.set(token);
		this.lastRenewal = token.issuedAt();
		this.tokensObtained.incrementAndGet();
		this.lastFailure = null;
		this.rejectionPending = false;
		this.inFlight.compareAndSet(result, null);
		result.complete(token);
		scheduleRenewal(token.renewAt());
	}

	/**
	 * The wait before the next attempt of this request, or {@code null} when the callers get the failure now: a
	 * permanent error, no attempts left, or a {@code Retry-After} longer than the longest backoff (callers are not
	 * held that long; they get the exception, which says when the endpoint will be asked again).
	 */
	private @Nullable Duration nextBackoff(CortiTokenException ex, int attempt) {
		if (!ex.isRetryable() || !this.retry.allowsAnotherAttemptAfter(attempt)) {
			return null;
		}
		Duration backoff = this.retry.backoffAfter(attempt);
		Instant retryAt = ex.getRetryAt();
		if (retryAt == null) {
			return backoff;
		}
		Duration wait = Duration.between(this.clock.instant(), retryAt);
		if (wait.compareTo(this.retry.maxBackoff()) > 0) {
			return null;
		}
		return (wait.compareTo(backoff) > 0) ? wait : backoff;
	}

	/** Why a fetch starts: the first token, a token the API rejected, a dropped token, or a due renewal. */
	private String trigger() {
		if (this.tokensObtained.get() == 0) {
			return TRIGGER_INITIAL;
		}
		IssuedToken token = this.current.get();
		if (token != null) {
			return TRIGGER_RENEWAL;
		}
		return this.rejectionPending ? TRIGGER_REJECTION : TRIGGER_INVALIDATION;
	}

	private void fail(CompletableFuture<IssuedToken> result, CortiTokenException ex) {
		if (result.isDone()) {
			return;
		}
		if (this.closed) {
			this.inFlight.compareAndSet(result, null);
			result.completeExceptionally(closed());
			return;
		}
		Instant now = this.clock.instant();
		Instant nextAttemptAt = now.plus(ex.isRetryable() ? this.retry.maxBackoff() : this.failureBackoff);
		Instant retryAt = ex.getRetryAt();
		if (retryAt != null && retryAt.isAfter(nextAttemptAt)) {
			nextAttemptAt = retryAt;
		}
		this.lastFailure = new Failure(ex, nextAttemptAt);
		IssuedToken token = this.current.get();
		if (token != null && token.isUsableAt(now)) {
			logger.warn("Renewal of the Corti access token failed; still serving the current token, usable for "
					+ Duration.between(now, token.usableUntil()).toSeconds() + " s more. Next attempt at "
					+ nextAttemptAt + ". Cause: " + ex.getMessage());
			scheduleRenewal(nextAttemptAt);
		}
		else {
			logger.warn(ex.getMessage());
		}
		this.inFlight.compareAndSet(result, null);
		result.completeExceptionally(ex);
	}

	private void scheduleRenewal(Instant at) {
		ScheduledFuture<?> previous = this.scheduledRenewal;
		if (previous != null) {
			previous.cancel(false);
		}
		if (this.closed) {
			return;
		}
		Duration delay = Duration.between(this.clock.instant(), at);
		try {
			this.scheduledRenewal = this.timer.schedule(() -> run(this::renewIfDue), Math.max(0, delay.toNanos()),
					TimeUnit.NANOSECONDS);
		}
		catch (RejectedExecutionException closed) {
			// The timer was shut down: no more renewals.
		}
	}

	/** Runs {@code task} on the fetch executor after {@code delay}; {@code false} once this cache is closed. */
	private boolean schedule(Runnable task, Duration delay) {
		try {
			if (delay.isZero()) {
				this.fetches.execute(task);
			}
			else {
				this.timer.schedule(() -> run(task), delay.toMillis(), TimeUnit.MILLISECONDS);
			}
			return true;
		}
		catch (RejectedExecutionException closed) {
			return false;
		}
	}

	/** Hands a task from the timer to the fetch executor, so that the timer thread never waits for I/O. */
	private void run(Runnable task) {
		try {
			this.fetches.execute(task);
		}
		catch (RejectedExecutionException closed) {
			// This cache was closed while the task waited; close() already failed whoever was waiting.
		}
	}

	private void renewIfDue() {
		Instant now = this.clock.instant();
		IssuedToken token = this.current.get();
		Failure failure = this.lastFailure;
		if (token != null && failure != null && now.isBefore(failure.nextAttemptAt())) {
			scheduleRenewal(failure.nextAttemptAt());
		}
		else if (token == null || token.isDueForRenewalAt(now)) {
			fetchShared(now, null);
		}
		else {
			// The timer runs on System.nanoTime, the token's times on the Clock: when the timer fires a little
			// before the Clock says renewal is due, try again rather than stop renewing.
			scheduleRenewal(token.renewAt());
		}
	}

	private CortiTokenException asTokenException(@Nullable Throwable cause) {
		if (cause instanceof CortiTokenException ex) {
			return ex;
		}
		if (cause instanceof CancellationException) {
			return new CortiTokenException(registrationId(), this.client.tokenUri(), null, null,
					"the token request was cancelled", true, cause);
		}
		return new CortiTokenException(registrationId(), this.client.tokenUri(), null, null,
				"unexpected " + ((cause != null) ? cause.getClass().getSimpleName() : "failure"), false, null);
	}

	private record Failure(CortiTokenException exception, Instant nextAttemptAt) {
	}

}
