package ai.corti.spring.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The state of one token: the current token, the request under way, the last failure, and
 * invalidation. Tokens are fetched single-flight (every caller that needs a token while a
 * request is under way shares that request), renewed in the background from
 * {@code renewAt} while callers keep the current token, and never handed out after
 * {@code usableUntil}. The requests themselves, their retries and the timing of renewals
 * are the {@link TokenFetcher}'s. Lock-free: callers that must wait park on a
 * {@link CompletableFuture}, so virtual threads are never pinned and reactive callers
 * never block.
 */
final class TokenCache {

	private static final Log logger = LogFactory.getLog(TokenCache.class);

	static final String TRIGGER_INITIAL = "initial";

	static final String TRIGGER_RENEWAL = "renewal";

	static final String TRIGGER_REJECTION = "rejection";

	static final String TRIGGER_INVALIDATION = "invalidation";

	private final TokenFetcher fetcher;

	private final Duration failureBackoff;

	private final Clock clock;

	private final ObservationRegistry observations;

	private final AtomicReference<@Nullable IssuedToken> current = new AtomicReference<>();

	private final AtomicReference<@Nullable CompletableFuture<IssuedToken>> inFlight = new AtomicReference<>();

	private volatile @Nullable Failure lastFailure;

	private volatile @Nullable Instant lastRejectionDrop;

	private volatile boolean rejectionPending;

	private volatile @Nullable Instant lastRenewal;

	private volatile boolean closed;

	private final AtomicLong tokensObtained = new AtomicLong();

	TokenCache(TokenFetcher fetcher, Duration failureBackoff, Clock clock, ObservationRegistry observations) {
		this.fetcher = fetcher;
		this.failureBackoff = failureBackoff;
		this.clock = clock;
		this.observations = observations;
	}

	/**
	 * The hot path: the current token if it may be handed out (starting a background
	 * renewal when one is due), else {@code null}.
	 * @return the current token, or {@code null}
	 */
	@Nullable IssuedToken usableToken() {
		Instant now = this.clock.instant();
		IssuedToken token = this.current.get();
		if (token == null || !token.isUsableAt(now)) {
			return null;
		}
		if (token.isDueForRenewalAt(now)) {
			// Nobody waits for this renewal: its observation is a root, not part of the
			// caller's trace.
			fetchShared(now, null);
		}
		return token;
	}

	/**
	 * The current token, or the shared request that will produce one.
	 * @param caller the observation of the call that waits, parent of the fetch it starts
	 * @return a future of the token
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

	/**
	 * The current token, waiting for a fetch if there is none.
	 * @return the token
	 */
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
			throw new CortiTokenException(this.fetcher.registrationId(), this.fetcher.tokenUri(), null, null,
					"interrupted while waiting for a token", true, ex);
		}
	}

	/**
	 * Forgets {@code tokenValue} if it is still the current token, so that the next
	 * caller fetches a new one.
	 * @param tokenValue the token to forget
	 * @return whether it was the current token and is forgotten
	 */
	boolean invalidate(String tokenValue) {
		IssuedToken token = this.current.get();
		return token != null && token.value().equals(tokenValue) && this.current.compareAndSet(token, null);
	}

	/**
	 * Like {@link #invalidate(String)} for a token the API rejected, but at most once per
	 * failure backoff: when the API rejects every new token (a token from another
	 * environment, say), callers get the API's answer instead of causing a token request
	 * each.
	 * @param tokenValue the token the API rejected
	 * @return whether it was the current token and is forgotten
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
		return this.fetcher.registrationId();
	}

	/**
	 * Fails a request under way (its retries will not run any more) so that nobody waits
	 * for it forever.
	 */
	void close() {
		this.closed = true;
		this.fetcher.cancelRenewal();
		CompletableFuture<IssuedToken> running = this.inFlight.getAndSet(null);
		if (running != null) {
			running.completeExceptionally(closed());
		}
	}

	private CortiTokenException closed() {
		return this.fetcher.closed();
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
					// Another fetch completed between our first look and winning the
					// slot.
					this.inFlight.set(null);
					mine.complete(token);
					return mine;
				}
				if (!this.fetcher.start(trigger(), caller, new Waiters(mine))) {
					this.inFlight.set(null);
					mine.completeExceptionally(closed());
				}
				return mine;
			}
		}
	}

	private void obtained(CompletableFuture<IssuedToken> result, IssuedToken token) {
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
	 * Why a fetch starts: the first token, a token the API rejected, a dropped token, or
	 * a due renewal.
	 * @return one of the {@code TRIGGER_} constants
	 */
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
		Instant nextAttemptAt = now.plus(ex.isRetryable() ? this.fetcher.maxBackoff() : this.failureBackoff);
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
		if (!this.closed) {
			this.fetcher.renewAt(at, this::renewIfDue);
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
			// The timer runs on System.nanoTime, the token's times on the Clock: when the
			// timer fires a little
			// before the Clock says renewal is due, try again rather than stop renewing.
			scheduleRenewal(token.renewAt());
		}
	}

	private CortiTokenException asTokenException(@Nullable Throwable cause) {
		if (cause instanceof CortiTokenException ex) {
			return ex;
		}
		if (cause instanceof CancellationException) {
			return new CortiTokenException(registrationId(), this.fetcher.tokenUri(), null, null,
					"the token request was cancelled", true, cause);
		}
		return new CortiTokenException(registrationId(), this.fetcher.tokenUri(), null, null,
				"unexpected " + ((cause != null) ? cause.getClass().getSimpleName() : "failure"), false, null);
	}

	private record Failure(CortiTokenException exception, Instant nextAttemptAt) {
	}

	/** The callers waiting for one request. */
	private final class Waiters implements TokenFetcher.Outcome {

		private final CompletableFuture<IssuedToken> result;

		Waiters(CompletableFuture<IssuedToken> result) {
			this.result = result;
		}

		@Override
		public void obtained(IssuedToken token) {
			TokenCache.this.obtained(this.result, token);
		}

		@Override
		public void failed(CortiTokenException ex) {
			fail(this.result, ex);
		}

		@Override
		public boolean isClosed() {
			return TokenCache.this.closed;
		}

	}

}
