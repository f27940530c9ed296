package ai.corti.spring.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import ai.corti.spring.auth.standin.CortiStandIn;
import ai.corti.spring.auth.standin.CortiStandInExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/**
 * The token lifecycle against the stand-in's token endpoint over loopback, with time
 * driven by a {@link MutableClock}.
 */
@ExtendWith(OutputCaptureExtension.class)
class CortiTokenServiceTests {

	@RegisterExtension
	static CortiStandInExtension corti = new CortiStandInExtension();

	private final MutableClock clock = new MutableClock(Instant.now());

	private final List<CortiTokenService> services = new ArrayList<>();

	@AfterEach
	void closeServices() {
		this.services.forEach(CortiTokenService::close);
	}

	private CortiTokenService.Builder builder(CortiStandIn standIn) {
		return builder(standIn, standIn.clientSecret());
	}

	private CortiTokenService.Builder builder(CortiStandIn standIn, String clientSecret) {
		ClientRegistration registration = ClientRegistration.withRegistrationId("corti")
			.clientId(standIn.clientId())
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
			.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
			.scope("openid")
			.tokenUri(standIn.tokenUri())
			.build();
		JdkClientHttpRequestFactory requestFactory = new JdkClientHttpRequestFactory();
		requestFactory.setReadTimeout(Duration.ofSeconds(2));
		return CortiTokenService.builder(registration, clientSecret)
			.restClientBuilder(RestClient.builder().requestFactory(requestFactory))
			.clock(this.clock)
			.retry(3, Duration.ofMillis(10), Duration.ofMillis(50));
	}

	private CortiTokenService service(CortiStandIn standIn) {
		return track(builder(standIn).build());
	}

	private CortiTokenService track(CortiTokenService service) {
		this.services.add(service);
		return service;
	}

	@Test
	void aSuppliedBuilderIsAskedForOnTheFirstTokenRequestOnlyAndOnce(CortiStandIn standIn) {
		AtomicInteger asked = new AtomicInteger();
		CortiTokenService tokens = track(builder(standIn).restClientBuilder(() -> {
			asked.incrementAndGet();
			return RestClient.builder().requestFactory(new JdkClientHttpRequestFactory());
		}).build());
		assertThat(asked).hasValue(0);
		String token = tokens.getAccessToken();
		tokens.invalidate(token);
		assertThat(tokens.getAccessToken()).isNotEqualTo(token);
		assertThat(asked).hasValue(1);
		assertThat(standIn.tokenRequestCount()).isEqualTo(2);
	}

	@Test
	void theFetchThreadDoesNotKeepTheClassLoaderOfTheThreadThatStartedIt(CortiStandIn standIn) throws Exception {
		CortiTokenService tokens = builder(standIn).build();
		this.services.add(tokens);
		ClassLoader webApp = new java.net.URLClassLoader(new java.net.URL[0], getClass().getClassLoader());
		AtomicReference<ClassLoader> fetchThreadLoader = new AtomicReference<>();
		Thread requestThread = new Thread(() -> {
			tokens.getAccessToken();
			Thread.getAllStackTraces()
				.keySet()
				.stream()
				.filter((thread) -> thread.getName().equals("corti-token-corti-1"))
				.findFirst()
				.ifPresent((thread) -> fetchThreadLoader.set(thread.getContextClassLoader()));
		});
		requestThread.setContextClassLoader(webApp);
		requestThread.start();
		requestThread.join(10_000);
		assertThat(fetchThreadLoader.get()).isNotNull().isSameAs(CortiTokenService.class.getClassLoader());
	}

	@Test
	void aSharedRenewalSchedulerTimesTheRenewalAndOutlivesTheService(CortiStandIn standIn) {
		ScheduledThreadPoolExecutor shared = new ScheduledThreadPoolExecutor(1);
		shared.setRemoveOnCancelPolicy(true);
		try {
			CortiTokenService tokens = builder(standIn).renewalScheduler(shared).build();
			assertThat(tokens.getAccessToken()).isNotBlank();
			// The renewal is timed on the shared scheduler, just after the token is
			// handed out.
			await().atMost(Duration.ofSeconds(5)).until(() -> shared.getQueue().size() == 1);
			tokens.close();
			assertThat(shared.getQueue()).as("cancelled by close()").isEmpty();
			assertThat(shared.isShutdown()).isFalse();
		}
		finally {
			shared.shutdownNow();
		}
	}

	@Test
	void manyCallsShareOneToken(CortiStandIn standIn) {
		CortiTokenService tokens = service(standIn);
		String first = tokens.getAccessToken();
		for (int i = 0; i < 50; i++) {
			assertThat(tokens.getAccessToken()).isEqualTo(first);
			assertThat(tokens.accessToken().block()).isEqualTo(first);
		}
		assertThat(standIn.tokenRequestCount()).isEqualTo(1);
	}

	@Test
	void twoHundredConcurrentCallersAtColdStartCauseOneTokenRequest(CortiStandIn standIn) throws Exception {
		standIn.tokenDelay(Duration.ofMillis(500));
		CortiTokenService tokens = service(standIn);
		Set<String> seen = herd(tokens);
		assertThat(seen).hasSize(1);
		assertThat(standIn.tokenRequestCount()).isEqualTo(1);
	}

	@Test
	void twoHundredConcurrentCallersAtExpiryCauseOneTokenRequest(CortiStandIn standIn) throws Exception {
		CortiTokenService tokens = service(standIn);
		String first = tokens.getAccessToken();
		standIn.tokenDelay(Duration.ofMillis(500));
		this.clock.advance(Duration.ofSeconds(301));
		Set<String> seen = herd(tokens);
		assertThat(seen).hasSize(1).doesNotContain(first);
		assertThat(standIn.tokenRequestCount()).isEqualTo(2);
	}

	/**
	 * 100 blocking callers on their own threads and 100 reactive subscribers, released at
	 * once.
	 */
	private Set<String> herd(CortiTokenService tokens) throws Exception {
		Set<String> seen = ConcurrentHashMap.newKeySet();
		CountDownLatch start = new CountDownLatch(1);
		CountDownLatch done = new CountDownLatch(200);
		ExecutorService threads = Executors.newFixedThreadPool(100);
		List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
		try {
			for (int i = 0; i < 100; i++) {
				threads.execute(() -> {
					try {
						start.await();
						seen.add(tokens.getAccessToken());
					}
					catch (Throwable ex) {
						failures.add(ex);
					}
					finally {
						done.countDown();
					}
				});
			}
			List<Disposable> subscriptions = new ArrayList<>();
			for (int i = 0; i < 100; i++) {
				subscriptions
					.add(tokens.accessToken().delaySubscription(reactor.core.publisher.Mono.fromRunnable(() -> {
						try {
							start.await();
						}
						catch (InterruptedException ex) {
							Thread.currentThread().interrupt();
						}
					}).subscribeOn(Schedulers.boundedElastic())).subscribe(seen::add, (ex) -> {
						failures.add(ex);
						done.countDown();
					}, done::countDown));
			}
			start.countDown();
			assertThat(done.await(20, TimeUnit.SECONDS)).isTrue();
			assertThat(failures).isEmpty();
			return seen;
		}
		finally {
			threads.shutdownNow();
		}
	}

	@Test
	void tokenDueForRenewalIsStillHandedOutWhileANewOneIsFetchedInTheBackground(CortiStandIn standIn) {
		CortiTokenService tokens = service(standIn);
		String first = tokens.getAccessToken();
		standIn.tokenDelay(Duration.ofSeconds(1));
		this.clock.advance(Duration.ofSeconds(181));
		long started = System.nanoTime();
		assertThat(tokens.getAccessToken()).isEqualTo(first);
		assertThat(tokens.accessToken().block()).isEqualTo(first);
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(900));
		await().atMost(Duration.ofSeconds(5)).until(() -> !tokens.getAccessToken().equals(first));
		assertThat(standIn.tokenRequestCount()).isEqualTo(2);
	}

	@Test
	void backgroundRenewalKeepsGoingWhenTheTimerFiresBeforeTheClockSaysItIsDue(CortiStandIn standIn) {
		standIn.tokenLifetime(Duration.ofSeconds(3));
		CortiTokenService tokens = service(standIn);
		tokens.getAccessToken();
		// The renewal timer fires after about a second of real time, but this clock
		// stands still: nothing is due.
		await().during(Duration.ofMillis(1500))
			.atMost(Duration.ofSeconds(3))
			.until(() -> standIn.tokenRequestCount() == 1);
		this.clock.advance(Duration.ofSeconds(1));
		await().atMost(Duration.ofSeconds(5)).until(() -> standIn.tokenRequestCount() == 2);
	}

	@Test
	void tokenInsideTheExpiryMarginIsNeverHandedOut(CortiStandIn standIn) {
		CortiTokenService tokens = service(standIn);
		String first = tokens.getAccessToken();
		this.clock.advance(Duration.ofSeconds(271));
		assertThat(tokens.getAccessToken()).isNotEqualTo(first);
	}

	@Test
	void tokenInsideTheExpiryMarginIsNotHandedOutEvenWhenRenewalFails(CortiStandIn standIn) {
		CortiTokenService tokens = service(standIn);
		tokens.getAccessToken();
		standIn.failNextTokenRequests(3, 503);
		this.clock.advance(Duration.ofSeconds(271));
		assertThatExceptionOfType(CortiTokenException.class).isThrownBy(tokens::getAccessToken)
			.satisfies((ex) -> assertThat(ex.getStatus()).isEqualTo(503));
	}

	@Test
	void shortLivedTokensAreRenewedAfterAThirdOfTheirLifeWithoutARequestPerCall(CortiStandIn standIn) {
		standIn.tokenLifetime(Duration.ofSeconds(10));
		CortiTokenService tokens = service(standIn);
		String first = tokens.getAccessToken();
		for (int second = 1; second <= 3; second++) {
			this.clock.advance(Duration.ofSeconds(1));
			assertThat(tokens.getAccessToken()).isEqualTo(first);
		}
		assertThat(standIn.tokenRequestCount()).isEqualTo(1);
		this.clock.advance(Duration.ofMillis(500));
		tokens.getAccessToken();
		await().atMost(Duration.ofSeconds(5)).until(() -> standIn.tokenRequestCount() == 2);
	}

	@Test
	void missingExpiresInFallsBackToTheJwtExpClaim(CortiStandIn standIn) {
		standIn.sendExpiresIn(false).tokenLifetime(Duration.ofSeconds(120));
		CortiTokenService tokens = service(standIn);
		String first = tokens.getAccessToken();
		for (int i = 0; i < 20; i++) {
			assertThat(tokens.getAccessToken()).isEqualTo(first);
		}
		this.clock.advance(Duration.ofSeconds(30));
		assertThat(tokens.getAccessToken()).isEqualTo(first);
		assertThat(standIn.tokenRequestCount()).isEqualTo(1);
		this.clock.advance(Duration.ofSeconds(61));
		assertThat(tokens.getAccessToken()).isNotEqualTo(first);
	}

	@Test
	void missingExpiresInOnAnOpaqueTokenUsesTheDefaultLifetime(CortiStandIn standIn) {
		standIn.answerNextTokenRequest(200, "application/json",
				"{\"access_token\":\"opaque\",\"token_type\":\"Bearer\"}");
		CortiTokenService tokens = track(builder(standIn).defaultLifetime(Duration.ofSeconds(60)).build());
		assertThat(tokens.getAccessToken()).isEqualTo("opaque");
		this.clock.advance(Duration.ofSeconds(39));
		assertThat(tokens.getAccessToken()).isEqualTo("opaque");
		assertThat(standIn.tokenRequestCount()).isEqualTo(1);
		this.clock.advance(Duration.ofSeconds(2));
		assertThat(tokens.getAccessToken()).isNotEqualTo("opaque");
	}

	@Test
	void expiresInOfZeroIsTreatedAsMissing(CortiStandIn standIn) {
		standIn.answerNextTokenRequest(200, "application/json",
				"{\"access_token\":\"opaque-zero\",\"token_type\":\"Bearer\",\"expires_in\":0}");
		CortiTokenService tokens = track(builder(standIn).defaultLifetime(Duration.ofSeconds(60)).build());
		assertThat(tokens.getAccessToken()).isEqualTo("opaque-zero");
		this.clock.advance(Duration.ofSeconds(39));
		assertThat(tokens.getAccessToken()).isEqualTo("opaque-zero");
		assertThat(standIn.tokenRequestCount()).isEqualTo(1);
	}

	@Test
	void serverErrorsAreRetriedWithBackoff(CortiStandIn standIn) {
		standIn.failNextTokenRequests(2, 503);
		CortiTokenService tokens = service(standIn);
		assertThat(tokens.getAccessToken()).startsWith("ey");
		assertThat(standIn.tokenRequestCount()).isEqualTo(3);
	}

	@Test
	void serverErrorsBeyondTheRetryBudgetRaiseARetryableTypedException(CortiStandIn standIn) {
		standIn.failNextTokenRequests(3, 502);
		CortiTokenService tokens = service(standIn);
		assertThatExceptionOfType(CortiTokenException.class).isThrownBy(tokens::getAccessToken).satisfies((ex) -> {
			assertThat(ex.getStatus()).isEqualTo(502);
			assertThat(ex.isRetryable()).isTrue();
			assertThat(ex.getRegistrationId()).isEqualTo("corti");
			assertThat(ex.getTokenUri()).hasToString(standIn.tokenUri());
			assertThat(ex.getMessage()).contains("registration 'corti'", standIn.tokenUri(), "HTTP 502",
					"Retrying may help");
		});
		assertThat(standIn.tokenRequestCount()).isEqualTo(3);
	}

	@Test
	void timeoutsAreRetryableAndHaveNoStatus(CortiStandIn standIn) {
		standIn.tokenDelay(Duration.ofSeconds(3));
		CortiTokenService tokens = track(
				builder(standIn).retry(1, Duration.ofMillis(10), Duration.ofMillis(10)).build());
		assertThatExceptionOfType(CortiTokenException.class).isThrownBy(tokens::getAccessToken).satisfies((ex) -> {
			assertThat(ex.getStatus()).isNull();
			assertThat(ex.isRetryable()).isTrue();
			assertThat(ex.getMessage()).contains("no answer");
		});
	}

	@Test
	void anUnreachableEndpointIsRetryableAndSaysWhy() {
		CortiStandIn closed = CortiStandIn.start();
		closed.close();
		CortiTokenService tokens = track(builder(closed).build());
		assertThatExceptionOfType(CortiTokenException.class).isThrownBy(tokens::getAccessToken).satisfies((ex) -> {
			assertThat(ex.isRetryable()).isTrue();
			assertThat(ex.getStatus()).isNull();
			assertThat(ex.getMessage()).contains("no answer (", "Exception", "Retrying may help");
		});
	}

	@Test
	void rejectedCredentialsAreNotRetriedAndDoNotHitTheEndpointOnEveryCall(CortiStandIn standIn) {
		String wrongSecret = "wrong-secret-value";
		CortiTokenService tokens = track(builder(standIn, wrongSecret).build());
		for (int i = 0; i < 5; i++) {
			assertThatExceptionOfType(CortiTokenException.class).isThrownBy(tokens::getAccessToken).satisfies((ex) -> {
				assertThat(ex.getStatus()).isEqualTo(401);
				assertThat(ex.getErrorCode()).isEqualTo("unauthorized_client");
				assertThat(ex.getErrorDescription()).isEqualTo("Invalid client or Invalid client credentials");
				assertThat(ex.isRetryable()).isFalse();
				assertThat(ex.getMessage()).contains("Retrying will not help", "corti.client-secret")
					.doesNotContain(wrongSecret);
			});
		}
		assertThat(standIn.tokenRequestCount()).isEqualTo(1);
		this.clock.advance(Duration.ofSeconds(11));
		assertThatExceptionOfType(CortiTokenException.class).isThrownBy(tokens::getAccessToken);
		assertThat(standIn.tokenRequestCount()).isEqualTo(2);
	}

	@Test
	void oneExceptionSharedByManyCallersDoesNotCollectSuppressedExceptions(CortiStandIn standIn) {
		// A wrong secret rather than a scripted failure: a request still under way from
		// an earlier test's service cannot take it.
		CortiTokenService tokens = track(builder(standIn, "wrong-secret").build());
		Throwable first = catchThrowable(() -> tokens.accessToken().block());
		assertThat(first).isInstanceOf(CortiTokenException.class);
		for (int i = 0; i < 5; i++) {
			assertThat(catchThrowable(() -> tokens.accessToken().block())).isSameAs(first);
		}
		assertThat(first.getSuppressed()).isEmpty();
	}

	@Test
	void unknownClientAndInvalidScopeAreTypedPermanentErrors(CortiStandIn standIn) {
		standIn.failNextTokenRequest(401, "invalid_client", "Invalid client or Invalid client credentials")
			.failNextTokenRequest(400, "invalid_scope", "Invalid scopes: openid bogus");
		CortiTokenService unknown = service(standIn);
		assertThatExceptionOfType(CortiTokenException.class).isThrownBy(unknown::getAccessToken)
			.satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo("invalid_client"));
		CortiTokenService badScope = service(standIn);
		assertThatExceptionOfType(CortiTokenException.class).isThrownBy(() -> badScope.accessToken().block())
			.satisfies((ex) -> {
				assertThat(ex.getErrorCode()).isEqualTo("invalid_scope");
				assertThat(ex.getStatus()).isEqualTo(400);
				assertThat(ex.getMessage()).contains("corti.scopes");
			});
		assertThat(standIn.tokenRequestCount()).isEqualTo(2);
	}

	@Test
	void malformedAnswerIsATypedErrorThatNeverQuotesTheBody(CortiStandIn standIn) {
		String leakedToken = "eyJhbGciOiJub25lIn0.eyJleHAiOjF9.c2VjcmV0LXRva2Vu";
		for (int i = 0; i < 3; i++) {
			standIn.answerNextTokenRequest(200, "application/json", "{\"access_token\":\"" + leakedToken + "\",");
		}
		CortiTokenService tokens = service(standIn);
		assertThatExceptionOfType(CortiTokenException.class).isThrownBy(tokens::getAccessToken).satisfies((ex) -> {
			assertThat(ex.getErrorCode()).isEqualTo("invalid_token_response");
			assertThat(ex.isRetryable()).isTrue();
			Throwable cause = ex;
			while (cause != null) {
				assertThat(String.valueOf(cause.getMessage())).doesNotContain(leakedToken);
				cause = cause.getCause();
			}
		});
	}

	@Test
	void failingRenewalKeepsServingTheValidTokenAndWarns(CortiStandIn standIn, CapturedOutput output) {
		CortiTokenService tokens = service(standIn);
		String first = tokens.getAccessToken();
		standIn.failNextTokenRequests(3, 503);
		this.clock.advance(Duration.ofSeconds(200));
		assertThat(tokens.getAccessToken()).isEqualTo(first);
		await().atMost(Duration.ofSeconds(5)).until(() -> output.getOut().contains("still serving the current token"));
		assertThat(tokens.getAccessToken()).isEqualTo(first);
		assertThat(output.getOut()).contains("usable for 70 s more")
			.doesNotContain(first)
			.doesNotContain(standIn.clientSecret());
		this.clock.advance(Duration.ofSeconds(6));
		tokens.getAccessToken();
		await().atMost(Duration.ofSeconds(5)).until(() -> !tokens.getAccessToken().equals(first));
	}

	@Test
	void invalidateDropsOnlyTheCurrentToken(CortiStandIn standIn) {
		CortiTokenService tokens = service(standIn);
		String first = tokens.getAccessToken();
		assertThat(tokens.invalidate("some-other-token")).isFalse();
		assertThat(tokens.getAccessToken()).isEqualTo(first);
		assertThat(tokens.invalidate(first)).isTrue();
		String second = tokens.getAccessToken();
		assertThat(second).isNotEqualTo(first);
		this.clock.advance(Duration.ofSeconds(11));
		assertThat(tokens.invalidate(first)).isFalse();
		assertThat(tokens.getAccessToken()).isEqualTo(second);
	}

	@Test
	void rejectedTokensAreDroppedAtMostOncePerFailureBackoff(CortiStandIn standIn) {
		CortiTokenService tokens = service(standIn);
		String first = tokens.getAccessToken();
		String second = tokens.renewAfterRejection(first);
		assertThat(second).isNotNull().isNotEqualTo(first);
		assertThat(tokens.renewAfterRejection(second)).isNull();
		assertThat(tokens.getAccessToken()).isEqualTo(second);
		assertThat(standIn.tokenRequestCount()).isEqualTo(2);
		this.clock.advance(Duration.ofSeconds(11));
		assertThat(tokens.renewAfterRejection(second)).isNotNull().isNotEqualTo(second);
		assertThat(standIn.tokenRequestCount()).isEqualTo(3);
	}

	@Test
	void explicitInvalidationIsNeverRateLimited(CortiStandIn standIn) {
		CortiTokenService tokens = service(standIn);
		for (int i = 0; i < 3; i++) {
			assertThat(tokens.invalidate(tokens.getAccessToken())).isTrue();
		}
		tokens.getAccessToken();
		assertThat(standIn.tokenRequestCount()).isEqualTo(4);
	}

	@Test
	void cancellingOneReactiveCallerDoesNotCancelTheSharedRequest(CortiStandIn standIn) {
		standIn.tokenDelay(Duration.ofMillis(300));
		CortiTokenService tokens = service(standIn);
		Disposable cancelled = tokens.accessToken().subscribe();
		CompletableFuture<String> other = tokens.accessToken().toFuture();
		cancelled.dispose();
		assertThat(other).succeedsWithin(Duration.ofSeconds(5)).asString().startsWith("ey");
		assertThat(standIn.tokenRequestCount()).isEqualTo(1);
	}

	@Test
	void closingFailsARequestUnderWaySoNoCallerWaitsForever(CortiStandIn standIn) {
		standIn.tokenDelay(Duration.ofSeconds(2));
		CortiTokenService tokens = service(standIn);
		CompletableFuture<String> waiting = tokens.accessToken().toFuture();
		await().atMost(Duration.ofSeconds(5)).until(() -> standIn.tokenRequestCount() == 1);
		tokens.close();
		assertThat(waiting).failsWithin(Duration.ofSeconds(5))
			.withThrowableOfType(java.util.concurrent.ExecutionException.class)
			.havingCause()
			.isInstanceOf(CortiTokenException.class)
			.withMessageContaining("closed");
		assertThatExceptionOfType(CortiTokenException.class).isThrownBy(tokens::getAccessToken)
			.withMessageContaining("closed");
	}

	@Test
	void reactiveCallersNeverBlockTheSubscribingThread(CortiStandIn standIn) {
		standIn.tokenDelay(Duration.ofMillis(300));
		CortiTokenService tokens = service(standIn);
		List<String> values = Flux.range(0, 20)
			.flatMap((i) -> tokens.accessToken().subscribeOn(Schedulers.parallel()))
			.collectList()
			.block(Duration.ofSeconds(5));
		assertThat(values).hasSize(20).containsOnly(values.get(0));
		assertThat(standIn.tokenRequestCount()).isEqualTo(1);
	}

	@Test
	void tokenIsNeverLoggedAtDebug(CortiStandIn standIn, CapturedOutput output) {
		ch.qos.logback.classic.Logger logger = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory
			.getLogger(TokenCache.class);
		ch.qos.logback.classic.Level level = logger.getLevel();
		logger.setLevel(ch.qos.logback.classic.Level.DEBUG);
		try {
			CortiTokenService tokens = service(standIn);
			String token = tokens.getAccessToken();
			assertThat(output.getOut()).contains("Obtained a Corti access token")
				.doesNotContain(token)
				.doesNotContain(standIn.clientSecret());
		}
		finally {
			logger.setLevel(level);
		}
	}

}
