package ai.corti.spring.auth.autoconfigure;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import ai.corti.spring.auth.CortiTokenException;
import ai.corti.spring.auth.CortiTokenFetchObservationConvention;
import ai.corti.spring.auth.DefaultCortiTokenFetchObservationConvention;
import ai.corti.spring.auth.standin.CortiStandIn;
import ai.corti.spring.auth.standin.RecordedRequest;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthContributors;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.service.registry.ImportHttpServices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/**
 * Named clients: two environments (two stand-ins, as two hosts) and three tenants in one
 * application.
 */
class CortiNamedClientsTests {

	private static CortiStandIn eu;

	private static CortiStandIn us;

	@BeforeAll
	static void startStandIns() {
		eu = CortiStandIn.start().addTenant("acme", "acme-client", "acme-secret");
		us = CortiStandIn.start().client("us-client", "us-secret");
	}

	@AfterAll
	static void stopStandIns() {
		eu.close();
		us.close();
	}

	@BeforeEach
	void reset() {
		eu.reset();
		us.reset();
	}

	/** The top-level client on eu/base, and named clients acme (eu) and us. */
	private static ApplicationContextRunner threeClients() {
		return StandInContextRunner.of(eu)
			.withPropertyValues("corti.clients.acme.tenant-name=acme", "corti.clients.acme.client-id=acme-client",
					"corti.clients.acme.client-secret=acme-secret", "corti.clients.acme.base-url=" + eu.baseUrl(),
					"corti.clients.acme.token-uri=" + eu.tokenUri("acme"), "corti.clients.us.tenant-name=base",
					"corti.clients.us.client-id=us-client", "corti.clients.us.client-secret=us-secret",
					"corti.clients.us.base-url=" + us.baseUrl(), "corti.clients.us.token-uri=" + us.tokenUri());
	}

	@Test
	void concurrentCallsThroughEveryClientStayWithTheirOwnOriginTenantAndTokenCache() {
		eu.tokenDelay(Duration.ofMillis(200));
		us.tokenDelay(Duration.ofMillis(200));
		threeClients().run((context) -> {
			CortiClients clients = context.getBean(CortiClients.class);
			assertThat(clients.names()).containsExactly("acme", "us");
			List<RestClient> restClients = List.of(context.getBean("cortiRestClient", RestClient.class),
					clients.get("acme").getRestClient(), clients.get("us").getRestClient());
			List<WebClient> webClients = List.of(context.getBean("cortiWebClient", WebClient.class),
					clients.get("acme").getWebClient(), clients.get("us").getWebClient());
			ExecutorService threads = Executors.newFixedThreadPool(30);
			try {
				List<Callable<Integer>> calls = new ArrayList<>();
				for (int i = 0; i < 30; i++) {
					RestClient client = restClients.get(i % 3);
					calls.add(() -> client.get()
						.uri("/interactions/")
						.retrieve()
						.toBodilessEntity()
						.getStatusCode()
						.value());
				}
				List<Future<Integer>> results = threads.invokeAll(calls);
				List<Integer> reactive = Flux.range(0, 30)
					.flatMap((i) -> webClients.get(i % 3).get().uri("/interactions/").retrieve().toBodilessEntity(), 30)
					.map((entity) -> entity.getStatusCode().value())
					.collectList()
					.block(Duration.ofSeconds(30));
				for (Future<Integer> result : results) {
					assertThat(result.get()).isEqualTo(200);
				}
				assertThat(reactive).hasSize(30).containsOnly(200);
			}
			finally {
				threads.shutdownNow();
			}
			assertThat(eu.tokenRequests()).extracting(RecordedRequest::path)
				.containsExactlyInAnyOrder("/realms/base/protocol/openid-connect/token",
						"/realms/acme/protocol/openid-connect/token");
			assertThat(us.tokenRequests()).singleElement().satisfies((request) -> {
				assertThat(request.form()).containsEntry("client_id", "us-client");
				assertThat(request.path()).isEqualTo("/realms/base/protocol/openid-connect/token");
			});
			assertThat(eu.apiRequests()).hasSize(40);
			assertThat(eu.apiRequests().stream().filter((call) -> "acme".equals(call.header("Tenant-Name"))))
				.hasSize(20);
			assertThat(us.apiRequests()).hasSize(20)
				.allSatisfy((call) -> assertThat(call.header("Tenant-Name")).isEqualTo("base"));
			assertThat(us.apiRequests()).extracting((call) -> call.header("Authorization"))
				.doesNotContainAnyElementsOf(eu.issuedTokens().stream().map((token) -> "Bearer " + token).toList());
		});
	}

	@Test
	void oneQualifierInjectsANamedClientsClients() {
		threeClients().withUserConfiguration(UsesNamedClients.class).run((context) -> {
			UsesNamedClients uses = context.getBean(UsesNamedClients.class);
			uses.us.get().uri("/interactions/").retrieve().toBodilessEntity().block();
			uses.acme.get().uri("/interactions/").retrieve().toBodilessEntity();
			assertThat(us.apiRequests()).singleElement()
				.satisfies((call) -> assertThat(call.header("Tenant-Name")).isEqualTo("base"));
			assertThat(eu.apiRequests()).singleElement()
				.satisfies((call) -> assertThat(call.header("Tenant-Name")).isEqualTo("acme"));
		});
	}

	@Test
	void oneClientsFailingTokenEndpointLeavesTheOthersWorking() {
		us.failNextTokenRequests(10, 503);
		threeClients().withPropertyValues("corti.token.retry.initial-backoff=5ms", "corti.token.retry.max-backoff=10ms")
			.run((context) -> {
				CortiClients clients = context.getBean(CortiClients.class);
				assertThatExceptionOfType(CortiTokenException.class)
					.isThrownBy(() -> clients.get("us")
						.getRestClient()
						.get()
						.uri("/interactions/")
						.retrieve()
						.toBodilessEntity())
					.satisfies((ex) -> assertThat(ex.getRegistrationId()).isEqualTo("corti-us"));
				assertThat(clients.get("acme")
					.getRestClient()
					.get()
					.uri("/interactions/")
					.retrieve()
					.toBodilessEntity()
					.getStatusCode()
					.value()).isEqualTo(200);
				assertThat(context.getBean("cortiRestClient", RestClient.class)
					.get()
					.uri("/interactions/")
					.retrieve()
					.toBodilessEntity()
					.getStatusCode()
					.value()).isEqualTo(200);
			});
	}

	@Test
	void everyTokenServiceSharesOneRenewalThreadAndAHangingTokenEndpointDelaysNoOther() throws Exception {
		eu.tokenLifetime(Duration.ofSeconds(3));
		List<Socket> accepted = new CopyOnWriteArrayList<>();
		CountDownLatch usAsked = new CountDownLatch(1);
		try (ServerSocket hanging = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
			Thread acceptor = new Thread(() -> {
				try {
					while (true) {
						accepted.add(hanging.accept());
						usAsked.countDown();
					}
				}
				catch (IOException closed) {
					// the test is over
				}
			});
			acceptor.setDaemon(true);
			acceptor.start();
			threeClients()
				.withPropertyValues("corti.token.renew-before-expiry=2s", "corti.token.expiry-margin=1s",
						"corti.clients.us.token-uri=http://127.0.0.1:" + hanging.getLocalPort() + "/token",
						"corti.clients.us.token.read-timeout=60s", "corti.clients.us.token.retry.max-attempts=1")
				.run((context) -> {
					CortiClients clients = context.getBean(CortiClients.class);
					CompletableFuture<String> usToken = CompletableFuture
						.supplyAsync(() -> clients.get("us").getTokenService().getAccessToken());
					assertThat(usAsked.await(10, TimeUnit.SECONDS)).isTrue();
					assertThat(context.getBean("cortiRestClient", RestClient.class)
						.get()
						.uri("/interactions/")
						.retrieve()
						.toBodilessEntity()
						.getStatusCode()
						.value()).isEqualTo(200);
					assertThat(clients.get("acme")
						.getRestClient()
						.get()
						.uri("/interactions/")
						.retrieve()
						.toBodilessEntity()
						.getStatusCode()
						.value()).isEqualTo(200);
					// Both eu tokens renewed one second after issue, while us's token
					// request still hangs.
					await().atMost(Duration.ofSeconds(15)).until(() -> eu.tokenRequestCount() >= 4);
					assertThat(usToken).isNotDone();
					Set<String> threads = Thread.getAllStackTraces()
						.keySet()
						.stream()
						.map(Thread::getName)
						.collect(Collectors.toSet());
					assertThat(threads).contains("corti-token-corti-us-1")
						.noneMatch((name) -> name.startsWith("corti-token-corti") && name.contains("-renewal-"));
					ScheduledThreadPoolExecutor renewals = (ScheduledThreadPoolExecutor) context
						.getBean(CortiTokenRenewals.class)
						.scheduler();
					assertThat(renewals.getCompletedTaskCount()).isGreaterThanOrEqualTo(2);
					assertThat(renewals.getPoolSize()).isEqualTo(1);
				});
		}
		finally {
			for (Socket socket : accepted) {
				socket.close();
			}
		}
	}

	@Test
	void anObservationConventionBeanNamesTheTokenFetchesOfEveryClient() {
		TestObservationRegistry registry = TestObservationRegistry.create();
		threeClients().withBean(ObservationRegistry.class, () -> registry)
			.withBean(CortiTokenFetchObservationConvention.class,
					() -> new DefaultCortiTokenFetchObservationConvention() {

						@Override
						public String getName() {
							return "tokens.fetched";
						}

					})
			.run((context) -> {
				context.getBean("cortiRestClient", RestClient.class)
					.get()
					.uri("/interactions/")
					.retrieve()
					.toBodilessEntity();
				context.getBean(CortiClients.class)
					.get("acme")
					.getRestClient()
					.get()
					.uri("/interactions/")
					.retrieve()
					.toBodilessEntity();
				TestObservationRegistryAssert.assertThat(registry)
					.hasNumberOfObservationsWithNameEqualTo("corti.token.fetch", 0)
					.hasNumberOfObservationsWithNameEqualTo("tokens.fetched", 2)
					.hasAnObservationWithAKeyValue("corti.registration", "corti")
					.hasAnObservationWithAKeyValue("corti.registration", "corti-acme");
			});
	}

	@Test
	void httpServiceGroupsNamedAfterAClientUseIt() {
		threeClients().withUserConfiguration(UsGroup.class).run((context) -> {
			assertThat(context.getBean(CortiHttpServiceGroupTests.Interactions.class).list(1))
				.containsKey("interactions");
			assertThat(us.apiRequests()).singleElement()
				.satisfies((call) -> assertThat(call.header("Authorization")).startsWith("Bearer "));
			assertThat(eu.apiRequests()).isEmpty();
		});
	}

	@Test
	void theTopLevelClientIsOptionalOnceNamedClientsExist() {
		StandInContextRunner.withoutProperties()
			.withPropertyValues("corti.clients.us.tenant-name=base", "corti.clients.us.client-id=us-client",
					"corti.clients.us.client-secret=us-secret", "corti.clients.us.base-url=" + us.baseUrl(),
					"corti.clients.us.token-uri=" + us.tokenUri())
			.run((context) -> {
				assertThat(context).hasNotFailed()
					.doesNotHaveBean("cortiTokenService")
					.doesNotHaveBean("cortiRestClient")
					.hasBean("corti-us-restClient");
				assertThat(context.getBean(CortiClients.class)
					.get("us")
					.getRestClient()
					.get()
					.uri("/interactions/")
					.retrieve()
					.toBodilessEntity()
					.getStatusCode()
					.value()).isEqualTo(200);
			});
	}

	@Test
	void identityIsNeverInheritedSoAMissingSecretNamesTheClientsProperty() {
		StandInContextRunner.of(eu)
			.withPropertyValues("corti.clients.us.tenant-name=base", "corti.clients.us.client-id=us-client",
					"corti.clients.us.base-url=" + us.baseUrl(), "corti.clients.us.token-uri=" + us.tokenUri())
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = new CortiConfigurationFailureAnalyzer(null)
					.analyze(context.getStartupFailure());
				assertThat(analysis.getDescription())
					.isEqualTo("The Corti API client is misconfigured: corti.clients.us.client-secret is not set.");
				assertThat(analysis.getAction()).contains("Set corti.clients.us.client-secret")
					.doesNotContain(eu.clientSecret());
			});
	}

	@Test
	void nestedSettingsAreInheritedUnlessTheClientSetsItsOwn() {
		threeClients()
			.withPropertyValues("corti.http.retry.enabled=false", "corti.clients.acme.http.retry.enabled=true",
					"corti.http.retry.initial-backoff=5ms", "corti.http.retry.max-backoff=10ms")
			.run((context) -> {
				CortiClients clients = context.getBean(CortiClients.class);
				us.failNextApiRequests(1, 503, null);
				eu.failNextApiRequests(1, 503, null);
				int usStatus = clients.get("us")
					.getRestClient()
					.get()
					.uri("/interactions/")
					.exchange((request, response) -> response.getStatusCode().value());
				int acmeStatus = clients.get("acme")
					.getRestClient()
					.get()
					.uri("/interactions/")
					.exchange((request, response) -> response.getStatusCode().value());
				assertThat(usStatus).isEqualTo(503);
				assertThat(acmeStatus).isEqualTo(200);
				assertThat(us.apiRequests()).hasSize(1);
				assertThat(eu.apiRequests()).hasSize(2);
			});
	}

	@Test
	void prefetchFetchesEveryClientsFirstToken() {
		threeClients().run((context) -> {
			context.getSourceApplicationContext()
				.publishEvent(new ApplicationReadyEvent(new SpringApplication(), new String[0],
						context.getSourceApplicationContext(), Duration.ZERO));
			await().atMost(Duration.ofSeconds(10))
				.until(() -> eu.tokenRequestCount() == 2 && us.tokenRequestCount() == 1);
			assertThat(eu.tokenRequests()).extracting(RecordedRequest::path)
				.containsExactlyInAnyOrder("/realms/base/protocol/openid-connect/token",
						"/realms/acme/protocol/openid-connect/token");
		});
	}

	@Test
	void theCortiHealthComponentShowsEveryClient() {
		us.failNextTokenRequests(10, 503);
		threeClients().withPropertyValues("corti.token.retry.initial-backoff=5ms", "corti.token.retry.max-backoff=10ms")
			.run((context) -> {
				CompositeHealthContributor corti = context.getBean("cortiHealthContributor",
						CompositeHealthContributor.class);
				assertThat(corti.stream().map(HealthContributors.Entry::name)).containsExactly("corti", "corti-acme",
						"corti-us");
				CortiClients clients = context.getBean(CortiClients.class);
				clients.get("acme").getRestClient().get().uri("/interactions/").retrieve().toBodilessEntity();
				assertThatExceptionOfType(CortiTokenException.class).isThrownBy(() -> clients.get("us")
					.getRestClient()
					.get()
					.uri("/interactions/")
					.retrieve()
					.toBodilessEntity());
				assertThat(health(corti, "corti").getStatus()).isEqualTo(Status.UNKNOWN);
				assertThat(health(corti, "corti-acme").getStatus()).isEqualTo(Status.UP);
				assertThat(health(corti, "corti-us").getStatus()).isEqualTo(Status.DOWN);
				assertThat(health(corti, "corti-us").getDetails()).containsEntry("lastError", "HTTP 503");
				clients.get("acme").getFrontendTokens().getStreamsToken();
				assertThat(corti.stream().map(HealthContributors.Entry::name)).containsExactly("corti", "corti-acme",
						"corti-us", "corti-acme-streams");
				assertThat(health(corti, "corti-acme-streams").getStatus()).isEqualTo(Status.UP);
			});
	}

	private static Health health(CompositeHealthContributor composite, String member) {
		return ((HealthIndicator) composite.getContributor(member)).health();
	}

	@Test
	void anUnknownNameListsTheConfiguredOnes() {
		threeClients().run((context) -> assertThatIllegalArgumentException()
			.isThrownBy(() -> context.getBean(CortiClients.class).get("eu"))
			.withMessageContaining("[acme, us]"));
	}

	@Test
	void aNameThatCannotBeAQualifierFailsStartup() {
		StandInContextRunner.of(eu).withPropertyValues("corti.clients.US_east.tenant-name=base").run((context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = new CortiConfigurationFailureAnalyzer(null).analyze(context.getStartupFailure());
			assertThat(analysis.getDescription()).contains("not a client name");
		});
	}

	@Test
	void aNameThatWouldShareAScopedServicesRegistrationIdFailsStartup() {
		for (String name : new String[] { "streams", "us-transcribe" }) {
			StandInContextRunner.of(eu)
				.withPropertyValues("corti.clients." + name + ".tenant-name=base")
				.run((context) -> {
					assertThat(context).hasFailed();
					FailureAnalysis analysis = new CortiConfigurationFailureAnalyzer(null)
						.analyze(context.getStartupFailure());
					assertThat(analysis.getDescription()).contains("corti.clients." + name)
						.contains("scoped token service");
					assertThat(analysis.getAction()).contains("'streams' or 'transcribe'");
				});
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class UsesNamedClients {

		WebClient us;

		RestClient acme;

		@Bean
		String namedClientUser(@Qualifier("corti-us") WebClient us, @Qualifier("corti-acme") RestClient acme) {
			this.us = us;
			this.acme = acme;
			return "uses";
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ImportHttpServices(group = "corti-us", types = CortiHttpServiceGroupTests.Interactions.class)
	static class UsGroup {

	}

}
