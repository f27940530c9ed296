package ai.corti.spring.auth.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import ai.corti.spring.auth.CortiTokenException;
import ai.corti.spring.auth.CortiTokenService;
import ai.corti.spring.auth.standin.CortiStandIn;
import ai.corti.spring.auth.standin.CortiStandInExtension;
import ai.corti.spring.auth.standin.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The auto-configured clients against the stand-in over real loopback HTTP.
 */
class CortiClientsLoopbackTests {

	@RegisterExtension
	static CortiStandInExtension corti = new CortiStandInExtension();

	private ApplicationContextRunner contextRunner(CortiStandIn standIn) {
		return StandInContextRunner.of(standIn);
	}

	private static RestClient restClient(org.springframework.context.ApplicationContext context) {
		return context.getBean("cortiRestClient", RestClient.class);
	}

	private static WebClient webClient(org.springframework.context.ApplicationContext context) {
		return context.getBean("cortiWebClient", WebClient.class);
	}

	@Test
	void tokenRequestIsAClientCredentialsFormPostWithoutTenantName(CortiStandIn standIn) {
		contextRunner(standIn).withPropertyValues("corti.scopes=transcribe,streams").run((context) -> {
			restClient(context).get().uri("/interactions/?pageSize=1").retrieve().toBodilessEntity();
			assertThat(standIn.tokenRequests()).hasSize(1);
			RecordedRequest token = standIn.tokenRequests().get(0);
			assertThat(token.method()).isEqualTo("POST");
			assertThat(token.path()).isEqualTo("/realms/base/protocol/openid-connect/token");
			assertThat(token.header("content-type")).startsWith(MediaType.APPLICATION_FORM_URLENCODED_VALUE);
			assertThat(token.form()).containsExactlyInAnyOrderEntriesOf(
					Map.of("grant_type", "client_credentials", "client_id", standIn.clientId(), "client_secret",
							standIn.clientSecret(), "scope", "openid transcribe streams"));
			assertThat(token.hasHeader("Tenant-Name")).isFalse();
			assertThat(token.hasHeader("Authorization")).isFalse();
		});
	}

	@Test
	void clientSecretBasicSendsCredentialsInTheAuthorizationHeader(CortiStandIn standIn) {
		contextRunner(standIn).withPropertyValues("corti.token.client-authentication-method=client_secret_basic")
			.run((context) -> {
				restClient(context).get().uri("/interactions/").retrieve().toBodilessEntity();
				RecordedRequest token = standIn.tokenRequests().get(0);
				assertThat(token.header("Authorization")).startsWith("Basic ");
				assertThat(token.form()).doesNotContainKeys("client_secret", "client_id");
			});
	}

	@Test
	void restClientCallsCarryBearerTokenAndTenantNameUnderV2(CortiStandIn standIn) {
		contextRunner(standIn).run((context) -> {
			String body = restClient(context).get().uri("/interactions/?pageSize=1").retrieve().body(String.class);
			assertThat(body).contains("\"interactions\"");
			RecordedRequest call = standIn.apiRequests().get(0);
			assertThat(call.path()).isEqualTo("/v2/interactions/?pageSize=1");
			assertThat(call.header("authorization"))
				.isEqualTo("Bearer " + context.getBean(CortiTokenService.class).getAccessToken());
			assertThat(call.header("TENANT-NAME")).isEqualTo("base");
		});
	}

	@Test
	void webClientCallsCarryBearerTokenAndTenantNameUnderV2(CortiStandIn standIn) {
		contextRunner(standIn).run((context) -> {
			@SuppressWarnings("unchecked")
			Map<String, Object> created = webClient(context).post()
				.uri("/interactions/")
				.bodyValue(Map.of("encounter",
						Map.of("identifier", "x", "status", "planned", "type", "first_consultation")))
				.retrieve()
				.bodyToMono(Map.class)
				.block();
			assertThat(created).containsKeys("interactionId", "websocketUrl");
			String id = (String) created.get("interactionId");
			String fetched = webClient(context).get()
				.uri("/interactions/{id}", id)
				.retrieve()
				.bodyToMono(String.class)
				.block();
			assertThat(fetched).contains(id).contains("first_consultation");
			assertThat(standIn.apiRequests()).extracting(RecordedRequest::path)
				.containsExactly("/v2/interactions/", "/v2/interactions/" + id);
			assertThat(standIn.apiRequests()).allSatisfy((call) -> {
				assertThat(call.header("Authorization")).startsWith("Bearer ey");
				assertThat(call.header("Tenant-Name")).isEqualTo("base");
			});
		});
	}

	@Test
	void manyCallsThroughBothClientsShareOneToken(CortiStandIn standIn) {
		contextRunner(standIn).run((context) -> {
			for (int i = 0; i < 10; i++) {
				restClient(context).get().uri("/interactions/").retrieve().toBodilessEntity();
				webClient(context).get().uri("/interactions/").retrieve().toBodilessEntity().block();
			}
			assertThat(standIn.apiRequests()).hasSize(20);
			assertThat(standIn.tokenRequestCount()).isEqualTo(1);
		});
	}

	@Test
	void tokenWorksOnExecutorThreadsAndReactivePipelines(CortiStandIn standIn) {
		contextRunner(standIn).run((context) -> {
			ExecutorService executor = Executors.newFixedThreadPool(4);
			try {
				List<Future<HttpStatus>> results = new ArrayList<>();
				for (int i = 0; i < 8; i++) {
					results.add(executor.submit(() -> HttpStatus.valueOf(restClient(context).get()
						.uri("/interactions/")
						.retrieve()
						.toBodilessEntity()
						.getStatusCode()
						.value())));
				}
				for (Future<HttpStatus> result : results) {
					assertThat(result.get()).isEqualTo(HttpStatus.OK);
				}
			}
			finally {
				executor.shutdownNow();
			}
			List<Integer> statuses = Flux.range(0, 8)
				.flatMap((i) -> webClient(context).get()
					.uri("/interactions/")
					.retrieve()
					.toBodilessEntity()
					.subscribeOn(Schedulers.parallel()))
				.map((entity) -> entity.getStatusCode().value())
				.collectList()
				.block();
			assertThat(statuses).hasSize(8).containsOnly(200);
			assertThat(standIn.tokenRequestCount()).isEqualTo(1);
		});
	}

	@Test
	void absoluteUrlToAnotherOriginGetsNoTokenNorTenant(CortiStandIn standIn) {
		try (CortiStandIn other = CortiStandIn.start()) {
			contextRunner(standIn).run((context) -> {
				assertThatExceptionOfType(HttpClientErrorException.Unauthorized.class)
					.isThrownBy(() -> restClient(context).get()
						.uri(other.baseUrl() + "/interactions/")
						.retrieve()
						.toBodilessEntity());
				Integer status = webClient(context).get()
					.uri(other.baseUrl() + "/interactions/")
					.exchangeToMono((response) -> Mono.just(response.statusCode().value()))
					.block();
				assertThat(status).isEqualTo(401);
				assertThat(other.apiRequests()).hasSize(2).allSatisfy((call) -> {
					assertThat(call.hasHeader("Authorization")).isFalse();
					assertThat(call.hasHeader("Tenant-Name")).isFalse();
				});
				assertThat(standIn.tokenRequestCount()).isZero();
			});
		}
	}

	@Test
	void restClientHealsA401WithOneNewTokenAndOneRetry(CortiStandIn standIn) {
		contextRunner(standIn).run((context) -> {
			restClient(context).get().uri("/interactions/").retrieve().toBodilessEntity();
			standIn.revokeAllTokens();
			String created = restClient(context).post()
				.uri("/interactions/")
				.contentType(MediaType.APPLICATION_JSON)
				.body(Map.of("encounter", Map.of("identifier", "retry-me")))
				.retrieve()
				.body(String.class);
			assertThat(created).contains("interactionId");
			assertThat(standIn.tokenRequestCount()).isEqualTo(2);
			List<RecordedRequest> posts = standIn.apiRequests()
				.stream()
				.filter((r) -> r.method().equals("POST"))
				.toList();
			assertThat(posts).hasSize(2);
			assertThat(posts.get(1).body()).isEqualTo(posts.get(0).body()).contains("retry-me");
			assertThat(posts.get(1).header("Authorization")).isNotEqualTo(posts.get(0).header("Authorization"));
		});
	}

	@Test
	void webClientHealsA401WithOneNewTokenAndReplaysTheBody(CortiStandIn standIn) {
		contextRunner(standIn).run((context) -> {
			webClient(context).get().uri("/interactions/").retrieve().toBodilessEntity().block();
			standIn.revokeAllTokens();
			String created = webClient(context).post()
				.uri("/interactions/")
				.bodyValue(Map.of("encounter", Map.of("identifier", "retry-me")))
				.retrieve()
				.bodyToMono(String.class)
				.block();
			assertThat(created).contains("interactionId");
			assertThat(standIn.tokenRequestCount()).isEqualTo(2);
			List<RecordedRequest> posts = standIn.apiRequests()
				.stream()
				.filter((r) -> r.method().equals("POST"))
				.toList();
			assertThat(posts).hasSize(2);
			assertThat(posts.get(1).body()).isEqualTo(posts.get(0).body()).contains("retry-me");
			assertThat(posts.get(1).header("Content-Type")).isEqualTo(posts.get(0).header("Content-Type"))
				.startsWith("application/json");
			assertThat(posts.get(1).header("Content-Length")).isEqualTo(
					String.valueOf(posts.get(0).body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length));
		});
	}

	@Test
	void webClientHealsA401OnABodilessRequest(CortiStandIn standIn) {
		contextRunner(standIn).run((context) -> {
			webClient(context).get().uri("/interactions/").retrieve().toBodilessEntity().block();
			standIn.revokeAllTokens();
			Integer status = webClient(context).get()
				.uri("/interactions/")
				.exchangeToMono((response) -> Mono.just(response.statusCode().value()))
				.block();
			assertThat(status).isEqualTo(200);
			assertThat(standIn.apiRequests()).hasSize(3);
		});
	}

	@Test
	void a403IsNeverRetried(CortiStandIn standIn) {
		contextRunner(standIn).run((context) -> {
			standIn.respond("GET", "/v2/interactions/", 403, "{\"title\":\"Forbidden\"}");
			assertThatExceptionOfType(HttpClientErrorException.Forbidden.class)
				.isThrownBy(() -> restClient(context).get().uri("/interactions/").retrieve().toBodilessEntity());
			Integer status = webClient(context).get()
				.uri("/interactions/")
				.exchangeToMono((response) -> Mono.just(response.statusCode().value()))
				.block();
			assertThat(status).isEqualTo(403);
			assertThat(standIn.apiRequests()).hasSize(2);
			assertThat(standIn.tokenRequestCount()).isEqualTo(1);
		});
	}

	@Test
	void anApiThatRejectsEveryTokenGetsOneRetryAndThenNoTokenStorm(CortiStandIn standIn) {
		contextRunner(standIn).run((context) -> {
			standIn.rejectEveryToken(true);
			assertThatExceptionOfType(HttpClientErrorException.Unauthorized.class)
				.isThrownBy(() -> restClient(context).get().uri("/interactions/").retrieve().toBodilessEntity());
			assertThat(standIn.apiRequests()).hasSize(2);
			assertThat(standIn.tokenRequestCount()).isEqualTo(2);
			for (int i = 0; i < 5; i++) {
				assertThatExceptionOfType(HttpClientErrorException.Unauthorized.class)
					.isThrownBy(() -> restClient(context).get().uri("/interactions/").retrieve().toBodilessEntity());
				Integer status = webClient(context).get()
					.uri("/interactions/")
					.exchangeToMono((response) -> Mono.just(response.statusCode().value()))
					.block();
				assertThat(status).isEqualTo(401);
			}
			assertThat(standIn.apiRequests()).hasSize(12);
			assertThat(standIn.tokenRequestCount()).isEqualTo(2);
		});
	}

	@Test
	void tokenEndpointFailureSurfacesAsTheTypedExceptionFromBothClients(CortiStandIn standIn) {
		contextRunner(standIn).withPropertyValues("corti.client-secret=wrong-secret-0123").run((context) -> {
			assertThatExceptionOfType(CortiTokenException.class)
				.isThrownBy(() -> restClient(context).get().uri("/interactions/").retrieve().toBodilessEntity())
				.satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo("unauthorized_client"));
			assertThatExceptionOfType(CortiTokenException.class)
				.isThrownBy(() -> webClient(context).get().uri("/interactions/").retrieve().toBodilessEntity().block())
				.satisfies((ex) -> assertThat(ex.getMessage()).doesNotContain("wrong-secret-0123"));
			assertThat(standIn.apiRequests()).isEmpty();
		});
	}

	@Test
	void aBurstOf200ConcurrentWebClientCallsSucceeds(CortiStandIn standIn) {
		contextRunner(standIn).run((context) -> {
			standIn.tokenDelay(Duration.ofMillis(200));
			List<Integer> statuses = Flux.range(0, 200)
				.flatMap((i) -> webClient(context).get().uri("/interactions/").retrieve().toBodilessEntity(), 200)
				.map((entity) -> entity.getStatusCode().value())
				.collectList()
				.block(Duration.ofSeconds(30));
			assertThat(statuses).hasSize(200).containsOnly(200);
			assertThat(standIn.tokenRequestCount()).isEqualTo(1);
		});
	}

	@Test
	void aBurstOf200ConcurrentRestClientCallsSucceeds(CortiStandIn standIn) {
		contextRunner(standIn).run((context) -> {
			standIn.tokenDelay(Duration.ofMillis(200));
			ExecutorService threads = Executors.newFixedThreadPool(200);
			try {
				List<Future<Integer>> results = new ArrayList<>();
				for (int i = 0; i < 200; i++) {
					results.add(threads.submit(() -> restClient(context).get()
						.uri("/interactions/")
						.retrieve()
						.toBodilessEntity()
						.getStatusCode()
						.value()));
				}
				for (Future<Integer> result : results) {
					assertThat(result.get()).isEqualTo(200);
				}
			}
			finally {
				threads.shutdownNow();
			}
			assertThat(standIn.tokenRequestCount()).isEqualTo(1);
		});
	}

	@Test
	void connectionPoolSettingsApplyToTheWebClient(CortiStandIn standIn) {
		contextRunner(standIn).withPropertyValues("corti.http.max-connections=1", "corti.http.max-pending-requests=1")
			.run((context) -> {
				webClient(context).get().uri("/interactions/").retrieve().toBodilessEntity().block();
				standIn.respond("GET", "/v2/slow/", 200, "{}");
				assertThatExceptionOfType(RuntimeException.class)
					.isThrownBy(() -> Flux.range(0, 10)
						.flatMap((i) -> webClient(context).get().uri("/interactions/").retrieve().toBodilessEntity(),
								10)
						.blockLast(Duration.ofSeconds(10)))
					.withStackTraceContaining("Pending acquire queue has reached its maximum size of 1");
			});
	}

	@Test
	void twoHundredMixedCallersAtColdStartCauseOneTokenRequest(CortiStandIn standIn) {
		contextRunner(standIn).run((context) -> {
			standIn.tokenDelay(Duration.ofMillis(500));
			CountDownLatch start = new CountDownLatch(1);
			ExecutorService threads = Executors.newFixedThreadPool(100);
			try {
				List<Future<Integer>> blocking = new ArrayList<>();
				for (int i = 0; i < 100; i++) {
					blocking.add(threads.submit(() -> {
						start.await();
						return restClient(context).get()
							.uri("/interactions/")
							.retrieve()
							.toBodilessEntity()
							.getStatusCode()
							.value();
					}));
				}
				Mono<List<Integer>> reactive = Flux.range(0, 100)
					.flatMap((i) -> webClient(context).get().uri("/interactions/").retrieve().toBodilessEntity(), 100)
					.map((entity) -> entity.getStatusCode().value())
					.collectList();
				start.countDown();
				assertThat(reactive.block(Duration.ofSeconds(30))).hasSize(100).containsOnly(200);
				for (Future<Integer> result : blocking) {
					assertThat(result.get()).isEqualTo(200);
				}
			}
			finally {
				threads.shutdownNow();
			}
			assertThat(standIn.apiRequests()).hasSize(200);
			assertThat(standIn.tokenRequestCount()).isEqualTo(1);
		});
	}

	@Test
	void tokenRequestsAndApiCallsGoThroughTheConfiguredProxy(CortiStandIn standIn) throws Exception {
		try (LoopbackConnectProxy proxy = new LoopbackConnectProxy()) {
			contextRunner(standIn)
				.withPropertyValues("corti.http.proxy.host=127.0.0.1", "corti.http.proxy.port=" + proxy.port(),
						"corti.http.proxy.username=hospital", "corti.http.proxy.password=proxy-pass")
				.run((context) -> {
					restClient(context).get().uri("/interactions/").retrieve().toBodilessEntity();
					webClient(context).get().uri("/interactions/").retrieve().toBodilessEntity().block();
					assertThat(standIn.tokenRequestCount()).isEqualTo(1);
					assertThat(standIn.apiRequests()).hasSize(2);
					assertThat(proxy.targets()).isNotEmpty().containsOnly("127.0.0.1:" + standIn.port());
					assertThat(proxy.authorizations()).isNotEmpty()
						.allSatisfy((value) -> assertThat(value).isEqualTo("Basic " + java.util.Base64.getEncoder()
							.encodeToString("hospital:proxy-pass".getBytes(java.nio.charset.StandardCharsets.UTF_8))));
				});
		}
	}

	/**
	 * Before Java 24 the JDK HttpClient drops a request's own Authorization header when
	 * the client has an Authenticator (JDK-8326949): with proxy credentials, the bearer
	 * token would never reach Corti.
	 */
	@Test
	@EnabledForJreRange(max = JRE.JAVA_23)
	void proxyCredentialsWithTheJdkHttpClientBeforeJava24FailStartupWithTheReason(CortiStandIn standIn) {
		contextRunner(standIn)
			.withPropertyValues("spring.http.clients.imperative.factory=jdk", "corti.http.proxy.host=127.0.0.1",
					"corti.http.proxy.port=3128", "corti.http.proxy.username=hospital",
					"corti.http.proxy.password=proxy-pass")
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = new CortiConfigurationFailureAnalyzer(null)
					.analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("corti.http.proxy.username", "JDK-8326949",
						"lose its bearer token");
				assertThat(analysis.getAction()).contains("spring.http.clients.imperative.factory=reactor", "Java 24");
				assertThat(analysis.getDescription() + analysis.getAction()).doesNotContain("proxy-pass");
			});
	}

	@Test
	@EnabledForJreRange(min = JRE.JAVA_24)
	void tokenRequestsAndApiCallsGoThroughTheConfiguredProxyOnTheJdkHttpClient(CortiStandIn standIn) throws Exception {
		try (LoopbackConnectProxy proxy = new LoopbackConnectProxy()) {
			contextRunner(standIn)
				.withPropertyValues("spring.http.clients.imperative.factory=jdk",
						"spring.http.clients.reactive.connector=jdk", "corti.http.proxy.host=127.0.0.1",
						"corti.http.proxy.port=" + proxy.port(), "corti.http.proxy.username=hospital",
						"corti.http.proxy.password=proxy-pass")
				.run((context) -> {
					restClient(context).get().uri("/interactions/").retrieve().toBodilessEntity();
					webClient(context).get().uri("/interactions/").retrieve().toBodilessEntity().block();
					assertThat(standIn.tokenRequestCount()).isEqualTo(1);
					assertThat(standIn.apiRequests()).hasSize(2);
					assertThat(Stream.concat(standIn.tokenRequests().stream(), standIn.apiRequests().stream()))
						.allSatisfy(
								(request) -> assertThat(request.header("User-Agent")).startsWith("Java-http-client/"));
					assertThat(proxy.targets()).hasSize(3).containsOnly("127.0.0.1:" + standIn.port());
					assertThat(proxy.authorizations()).hasSize(3)
						.allSatisfy((value) -> assertThat(value).isEqualTo("Basic " + java.util.Base64.getEncoder()
							.encodeToString("hospital:proxy-pass".getBytes(java.nio.charset.StandardCharsets.UTF_8))));
				});
		}
	}

	@Test
	void aSecondTenantOnTheSameStandInGetsTokensThatWorkOnlyForIt(CortiStandIn standIn) {
		standIn.addTenant("acme", "acme-client", "acme-secret");
		contextRunner(standIn)
			.withPropertyValues("corti.tenant-name=acme", "corti.client-id=acme-client",
					"corti.client-secret=acme-secret", "corti.token-uri=" + standIn.tokenUri("acme"))
			.run((context) -> {
				assertThat(restClient(context).get()
					.uri("/interactions/")
					.retrieve()
					.toBodilessEntity()
					.getStatusCode()
					.value()).isEqualTo(200);
				RecordedRequest call = standIn.apiRequests().get(0);
				assertThat(call.header("Tenant-Name")).isEqualTo("acme");
				assertThat(standIn.tokenRequests()).singleElement()
					.satisfies((request) -> assertThat(request.path()).startsWith("/realms/acme/"));
				String acmeToken = call.header("Authorization");
				Integer crossed = WebClient.create(standIn.baseUrl())
					.get()
					.uri("/interactions/")
					.header("Authorization", acmeToken)
					.header("Tenant-Name", "base")
					.exchangeToMono((response) -> Mono.just(response.statusCode().value()))
					.block();
				assertThat(crossed).isEqualTo(403);
			});
	}

}
