package ai.corti.spring.auth;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.util.Assert;
import org.springframework.web.client.RestClient;

/**
 * Hands out Corti access tokens: one token per application, shared by every client and
 * thread, fetched single-flight and renewed in the background before it expires. Use it
 * for custom clients and WebSocket URLs; the {@code cortiWebClient} and
 * {@code cortiRestClient} beans already use it.
 *
 * @since 0.1.0
 */
public final class CortiTokenService implements CortiTokenProvider, AutoCloseable {

	/**
	 * How long before a token expires its renewal starts, unless set otherwise: the
	 * default of {@code corti.token.renew-before-expiry}.
	 */
	public static final Duration DEFAULT_RENEW_BEFORE_EXPIRY = Duration.ofSeconds(120);

	/**
	 * How long before it expires a token is no longer handed out: the default of
	 * {@code corti.token.expiry-margin}.
	 */
	public static final Duration DEFAULT_EXPIRY_MARGIN = Duration.ofSeconds(30);

	/**
	 * Lifetime assumed for a token whose answer has no {@code expires_in}: the default of
	 * {@code corti.token.default-lifetime}.
	 */
	public static final Duration DEFAULT_LIFETIME = Duration.ofSeconds(300);

	/**
	 * How long a permanent token endpoint failure is answered at once: the default of
	 * {@code corti.token.failure-backoff}.
	 */
	public static final Duration DEFAULT_FAILURE_BACKOFF = Duration.ofSeconds(10);

	/**
	 * Attempts of one token request: the default of
	 * {@code corti.token.retry.max-attempts}.
	 */
	public static final int DEFAULT_MAX_ATTEMPTS = 3;

	/**
	 * Wait before the second attempt of a token request: the default of
	 * {@code corti.token.retry.initial-backoff}.
	 */
	public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofMillis(500);

	/**
	 * Longest wait between two attempts of a token request: the default of
	 * {@code corti.token.retry.max-backoff}.
	 */
	public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(5);

	/**
	 * Longest wait a {@code Retry-After} from the token endpoint can impose: the default
	 * of {@code corti.token.retry.max-retry-after}.
	 */
	public static final Duration DEFAULT_MAX_RETRY_AFTER = Duration.ofSeconds(60);

	private final TokenCache cache;

	private final ExecutorService fetches;

	private final @Nullable ScheduledExecutorService ownTimer;

	private CortiTokenService(TokenCache cache, ExecutorService fetches, @Nullable ScheduledExecutorService ownTimer) {
		this.cache = cache;
		this.fetches = fetches;
		this.ownTimer = ownTimer;
	}

	/**
	 * Starts a builder.
	 * @param registration the client-credentials registration; its own secret is ignored
	 * @param clientSecret the client secret, kept out of the registration so that it
	 * never shows in {@code toString()}
	 * @return a builder with the defaults of the {@code corti.token.*} properties
	 */
	public static Builder builder(ClientRegistration registration, String clientSecret) {
		return new Builder(registration, clientSecret);
	}

	/**
	 * Returns a token that stays valid for at least the configured expiry margin, waiting
	 * only when there is no such token yet (at startup, or after the token endpoint
	 * failed for longer than the token's life).
	 * @return the access token value, without the {@code Bearer} prefix
	 * @throws CortiTokenException when no valid token can be obtained
	 */
	@Override
	public String getAccessToken() {
		return this.cache.awaitToken().value();
	}

	/**
	 * Reactive variant of {@link #getAccessToken()}; never blocks the subscribing thread.
	 * Cancelling the subscription does not cancel a token request that other callers
	 * share.
	 * @return a {@code Mono} of the access token value, or an error with a
	 * {@link CortiTokenException}
	 */
	@Override
	public Mono<String> accessToken() {
		return Mono.deferContextual((context) -> {
			IssuedToken token = this.cache.usableToken();
			if (token != null) {
				return Mono.just(token.value());
			}
			// A fetch this caller waits for joins the caller's trace (the observation
			// Reactor carries for it).
			Observation caller = context.getOrDefault(ObservationThreadLocalAccessor.KEY, null);
			// Waiting callers continue on boundedElastic, not on the token thread, so
			// that code blocking downstream
			// cannot stall token requests.
			return Mono.fromFuture(this.cache.token(caller), true)
				.publishOn(Schedulers.boundedElastic())
				.map(IssuedToken::value);
		});
	}

	/**
	 * Like {@link #getAccessToken()}, with the token's expiry, for handing the token on
	 * (to a front-end, say).
	 * @return the token and when it expires
	 * @throws CortiTokenException when no valid token can be obtained
	 * @since 0.1.0
	 */
	public CortiAccessToken getToken() {
		IssuedToken token = this.cache.awaitToken();
		return new CortiAccessToken(token.value(), token.expiresAt());
	}

	/**
	 * Reactive variant of {@link #getToken()}.
	 * @return a {@code Mono} of the token and its expiry, or an error with a
	 * {@link CortiTokenException}
	 * @since 0.1.0
	 */
	public Mono<CortiAccessToken> token() {
		return Mono.defer(() -> {
			IssuedToken token = this.cache.usableToken();
			return (token != null) ? Mono.just(token)
					: Mono.fromFuture(this.cache.token(null), true).publishOn(Schedulers.boundedElastic());
		}).map((token) -> new CortiAccessToken(token.value(), token.expiresAt()));
	}

	/**
	 * Starts fetching a token in the background unless one is held or being fetched, so
	 * that the next caller finds it. Never blocks and never throws: a failure is logged
	 * and the next caller tries again.
	 * @since 0.1.0
	 */
	@Override
	public void prefetch() {
		this.cache.prefetch();
	}

	/**
	 * Drops {@code accessToken} if it is still the current token (for example after your
	 * own client got a {@code 401} with it), so that the next caller gets a new one. A
	 * token that was already replaced is left alone.
	 * @param accessToken the rejected token value
	 * @return whether the token was dropped
	 */
	@Override
	public boolean invalidate(String accessToken) {
		return this.cache.invalidate(accessToken);
	}

	/**
	 * Drops {@code rejectedToken} if it is still current, at most once per
	 * {@code corti.token.failure-backoff}, so that an API that rejects every token cannot
	 * turn each call into a token request.
	 */
	@Override
	public void invalidateRejected(String rejectedToken) {
		this.cache.invalidateRejected(rejectedToken);
	}

	/**
	 * Returns the current state without contacting the token endpoint.
	 * @return a snapshot that never contains a token
	 */
	@Override
	public CortiTokenStatus status() {
		return this.cache.status();
	}

	/** Stops background renewal; a shared renewal scheduler is left running. */
	@Override
	public void close() {
		this.cache.close();
		this.fetches.shutdownNow();
		if (this.ownTimer != null) {
			this.ownTimer.shutdownNow();
		}
		// A caller that slipped in before the first close() may have queued a request
		// that shutdownNow() dropped.
		this.cache.close();
	}

	@Override
	public String toString() {
		return "CortiTokenService[registration=" + this.cache.registrationId() + "]";
	}

	/**
	 * Builder of {@link CortiTokenService}; defaults match the {@code corti.token.*}
	 * properties.
	 *
	 * @since 0.1.0
	 */
	public static final class Builder {

		private final ClientRegistration registration;

		private final String clientSecret;

		private @Nullable Supplier<RestClient.Builder> restClientBuilder;

		private Clock clock = Clock.systemUTC();

		private Duration renewBeforeExpiry = DEFAULT_RENEW_BEFORE_EXPIRY;

		private Duration expiryMargin = DEFAULT_EXPIRY_MARGIN;

		private Duration defaultLifetime = DEFAULT_LIFETIME;

		private Duration failureBackoff = DEFAULT_FAILURE_BACKOFF;

		private int maxAttempts = DEFAULT_MAX_ATTEMPTS;

		private Duration initialBackoff = DEFAULT_INITIAL_BACKOFF;

		private Duration maxBackoff = DEFAULT_MAX_BACKOFF;

		private Duration maxRetryAfter = DEFAULT_MAX_RETRY_AFTER;

		private ObservationRegistry observationRegistry = ObservationRegistry.NOOP;

		private @Nullable ScheduledExecutorService renewalScheduler;

		private @Nullable CortiTokenFetchObservationConvention observationConvention;

		private Builder(ClientRegistration registration, String clientSecret) {
			Assert.notNull(registration, "'registration' must not be null");
			Assert.notNull(clientSecret, "'clientSecret' must not be null");
			this.registration = registration;
			this.clientSecret = clientSecret;
		}

		/**
		 * Builder of the HTTP client for the token endpoint; it must not carry the Corti
		 * token interceptor, and its HTTP client must not follow redirects (the request
		 * carries the client secret). The default uses the JDK {@code HttpClient}, which
		 * does not.
		 * @param restClientBuilder the builder of the token endpoint's client; the first
		 * token request adds a form converter to it and builds it, so pass a clone of a
		 * builder that is used elsewhere
		 * @return this builder
		 */
		public Builder restClientBuilder(RestClient.Builder restClientBuilder) {
			Assert.notNull(restClientBuilder, "'restClientBuilder' must not be null");
			this.restClientBuilder = () -> restClientBuilder;
			return this;
		}

		/**
		 * Like {@link #restClientBuilder(RestClient.Builder)}, with the builder supplied
		 * on the first token request instead of now, so that building the token service
		 * loads no HTTP client: for an application's start, which then pays for none.
		 * @param restClientBuilder supplies the builder of the token endpoint's client,
		 * once; the same rules apply to the builder it supplies
		 * @return this builder
		 * @since 0.1.0
		 */
		public Builder restClientBuilder(Supplier<RestClient.Builder> restClientBuilder) {
			Assert.notNull(restClientBuilder, "'restClientBuilder' must not be null");
			this.restClientBuilder = restClientBuilder;
			return this;
		}

		/**
		 * Clock against which token expiry, renewal times and {@code Retry-After} dates
		 * are reckoned.
		 * @param clock the clock (default {@link Clock#systemUTC()})
		 * @return this builder
		 */
		public Builder clock(Clock clock) {
			this.clock = clock;
			return this;
		}

		/**
		 * How long before expiry a token is renewed in the background; capped at two
		 * thirds of a token's lifetime.
		 * @param renewBeforeExpiry the time before expiry to renew (default 120 s); must
		 * be longer than the {@linkplain #expiryMargin(Duration) expiry margin}, which
		 * {@link #build()} checks
		 * @return this builder
		 */
		public Builder renewBeforeExpiry(Duration renewBeforeExpiry) {
			this.renewBeforeExpiry = renewBeforeExpiry;
			return this;
		}

		/**
		 * Minimum remaining validity of a token handed out; capped at a third of a
		 * token's lifetime.
		 * @param expiryMargin the expiry margin (default 30 s)
		 * @return this builder
		 */
		public Builder expiryMargin(Duration expiryMargin) {
			this.expiryMargin = expiryMargin;
			return this;
		}

		/**
		 * Lifetime assumed when the token endpoint sends no positive {@code expires_in}
		 * and the token has no {@code exp} claim in the future.
		 * @param defaultLifetime the assumed lifetime (default 300 s)
		 * @return this builder
		 */
		public Builder defaultLifetime(Duration defaultLifetime) {
			this.defaultLifetime = defaultLifetime;
			return this;
		}

		/**
		 * How long the last error goes at once to callers without a valid token, after
		 * the token endpoint rejected the request for good, before the endpoint is asked
		 * again. Also the least time between two tokens dropped because the API answered
		 * {@code 401}.
		 * @param failureBackoff the failure backoff (default 10 s)
		 * @return this builder
		 */
		public Builder failureBackoff(Duration failureBackoff) {
			this.failureBackoff = failureBackoff;
			return this;
		}

		/**
		 * Attempts of one token request that failed for a retryable reason, and the waits
		 * between them: from {@code initialBackoff}, doubling for each further attempt,
		 * with jitter, up to {@code maxBackoff}.
		 * @param maxAttempts the maximum number of attempts, the first included (default
		 * 3)
		 * @param initialBackoff the wait before the second attempt (default 500 ms)
		 * @param maxBackoff the upper bound of the wait between attempts (default 5 s)
		 * @return this builder
		 */
		public Builder retry(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {
			this.maxAttempts = maxAttempts;
			this.initialBackoff = initialBackoff;
			this.maxBackoff = maxBackoff;
			return this;
		}

		/**
		 * Longest wait a {@code Retry-After} from the token endpoint can impose before
		 * the next token request.
		 * @param maxRetryAfter the longest {@code Retry-After} wait (default 60 s)
		 * @return this builder
		 * @since 0.1.0
		 */
		public Builder maxRetryAfter(Duration maxRetryAfter) {
			this.maxRetryAfter = maxRetryAfter;
			return this;
		}

		/**
		 * Registry for the {@code corti.token.fetch} observation (a timer and counters
		 * with Micrometer metrics).
		 * @param observationRegistry the observation registry (default
		 * {@link ObservationRegistry#NOOP})
		 * @return this builder
		 */
		public Builder observationRegistry(ObservationRegistry observationRegistry) {
			this.observationRegistry = observationRegistry;
			return this;
		}

		/**
		 * Convention of the {@code corti.token.fetch} observation, instead of
		 * {@link DefaultCortiTokenFetchObservationConvention}.
		 * @param observationConvention the convention to use
		 * @return this builder
		 * @since 0.1.0
		 */
		public Builder observationConvention(CortiTokenFetchObservationConvention observationConvention) {
			this.observationConvention = observationConvention;
			return this;
		}

		/**
		 * Scheduler that times renewals and retries, to share one thread among many token
		 * services; the service only schedules short hand-offs on it (token requests run
		 * on the service's own thread, started when needed and stopped when idle) and
		 * does not shut it down. The default is a thread of the service's own.
		 * @param renewalScheduler the scheduler to share
		 * @return this builder
		 * @since 0.1.0
		 */
		public Builder renewalScheduler(ScheduledExecutorService renewalScheduler) {
			this.renewalScheduler = renewalScheduler;
			return this;
		}

		/**
		 * Builds the token service. It asks for no token until a caller needs one or
		 * {@link CortiTokenService#prefetch()} is called;
		 * {@link CortiTokenService#close()} stops it.
		 * @return the token service
		 * @throws IllegalArgumentException when the renewal time before expiry is not
		 * longer than the expiry margin
		 */
		public CortiTokenService build() {
			// The JDK client never follows redirects unless told to: the token request
			// carries the secret.
			Supplier<RestClient.Builder> restClient = (this.restClientBuilder != null) ? this.restClientBuilder
					: () -> RestClient.builder().requestFactory(new JdkClientHttpRequestFactory());
			TokenClient client = new TokenClient(this.registration, this.clientSecret, restClient,
					new TokenTiming(this.renewBeforeExpiry, this.expiryMargin), this.defaultLifetime,
					this.maxRetryAfter, this.clock);
			String threads = "corti-token-" + this.registration.getRegistrationId() + "-";
			ScheduledExecutorService timer = this.renewalScheduler;
			ScheduledThreadPoolExecutor ownTimer = null;
			if (timer == null) {
				ownTimer = new ScheduledThreadPoolExecutor(1, daemonThreads(threads + "renewal-"));
				ownTimer.setRemoveOnCancelPolicy(true);
				timer = ownTimer;
			}
			// One token request at a time (they are single-flight); the thread stops
			// after a minute without one.
			ThreadPoolExecutor fetches = new ThreadPoolExecutor(0, 1, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
					daemonThreads(threads));
			TokenFetcher fetcher = new TokenFetcher(client, this.maxAttempts, this.initialBackoff, this.maxBackoff,
					this.clock, timer, fetches, this.observationRegistry, this.observationConvention);
			TokenCache cache = new TokenCache(fetcher, this.failureBackoff, this.clock, this.observationRegistry);
			return new CortiTokenService(cache, fetches, ownTimer);
		}

		/**
		 * Daemon threads that hold on to no caller's class loader: they are started by
		 * whichever thread first needs a token (a servlet container's request thread,
		 * say), and outlive it.
		 * @param prefix the start of each thread's name, followed by a counter
		 * @return the thread factory
		 */
		private static ThreadFactory daemonThreads(String prefix) {
			AtomicInteger count = new AtomicInteger();
			ThreadFactory delegate = Executors.defaultThreadFactory();
			ClassLoader classLoader = CortiTokenService.class.getClassLoader();
			return (runnable) -> {
				Thread thread = delegate.newThread(runnable);
				thread.setName(prefix + count.incrementAndGet());
				thread.setDaemon(true);
				thread.setContextClassLoader(classLoader);
				return thread;
			};
		}

	}

}
