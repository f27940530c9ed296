package ai.corti.spring.auth.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import ai.corti.spring.auth.CortiRestClientCustomizer;
import ai.corti.spring.auth.CortiTokenService;
import ai.corti.spring.auth.CortiWebClientCustomizer;
import ai.corti.spring.auth.standin.CortiStandIn;
import ai.corti.spring.auth.standin.CortiStandInExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.restclient.RestClientCustomizer;
import org.springframework.boot.webclient.WebClientCustomizer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * A light start: the starter checks its settings at startup and builds its clients, token
 * services and their HTTP clients on first use, or in the background once the application
 * is ready.
 */
class CortiLightStartTests {

	@RegisterExtension
	static CortiStandInExtension corti = new CortiStandInExtension();

	/**
	 * A named client {@code us} on the stand-in's tenant.
	 * @param standIn the stand-in
	 * @return the client's properties
	 */
	private static String[] namedClientUs(CortiStandIn standIn) {
		return new String[] { "corti.clients.us.tenant-name=" + standIn.tenant(),
				"corti.clients.us.client-id=" + standIn.clientId(),
				"corti.clients.us.client-secret=" + standIn.clientSecret(),
				"corti.clients.us.token-uri=" + standIn.tokenUri(), "corti.clients.us.base-url=" + standIn.baseUrl() };
	}

	/**
	 * Lists interactions.
	 * @param client the client
	 * @return the status code of the answer
	 */
	private static int list(RestClient client) {
		return client.get().uri("/interactions/").retrieve().toBodilessEntity().getStatusCode().value();
	}

	private static void ready(ConfigurableApplicationContext context) {
		context.publishEvent(new ApplicationReadyEvent(new SpringApplication(), new String[0], context, Duration.ZERO));
	}

	@Test
	void startupBuildsNoClientNoTokenServiceAndNoHttpClient(CortiStandIn standIn) {
		StandInContextRunner.of(standIn)
			.withPropertyValues(namedClientUs(standIn))
			.withPropertyValues("corti.token.prefetch=false")
			.withUserConfiguration(Recorders.class)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				Recorders recorders = context.getBean(Recorders.class);
				assertThat(recorders.bootRestBuilders).hasValue(0);
				assertThat(recorders.bootWebBuilders).hasValue(0);
				assertThat(recorders.restClients).isEmpty();
				assertThat(recorders.webClients).isEmpty();
				for (String bean : List.of("cortiClientRegistration", "cortiTokenService", "cortiTokenServiceFactory",
						"cortiWebSocketUrls", "cortiFrontendTokens", "cortiRestClientBuilderConfigurer",
						"cortiWebClientBuilderConfigurer")) {
					assertThat(context.getBeanFactory().containsSingleton(bean)).as(bean).isFalse();
				}
				assertThat(LazyClient.isPending(context.getBean("cortiRestClient"))).isTrue();
				assertThat(LazyClient.isPending(context.getBean("cortiWebClient"))).isTrue();
				assertThat(LazyClient.isPending(context.getBean("corti-us-restClient"))).isTrue();
				assertThat(LazyClient.isPending(context.getBean("corti-us-webClient"))).isTrue();
				assertThat(standIn.tokenRequestCount()).isZero();
			});
	}

	@Test
	void theFirstCallBuildsEachClientOnceAndItWorks(CortiStandIn standIn) {
		StandInContextRunner.of(standIn)
			.withPropertyValues("corti.token.prefetch=false")
			.withUserConfiguration(Recorders.class, CortiAutoConfigurationTests.InjectsByQualifier.class)
			.run((context) -> {
				Recorders recorders = context.getBean(Recorders.class);
				CortiAutoConfigurationTests.InjectsByQualifier injected = context
					.getBean(CortiAutoConfigurationTests.InjectsByQualifier.class);
				assertThat(injected.restClient).isSameAs(context.getBean("cortiRestClient"));
				assertThat(recorders.restClients).isEmpty();
				assertThat(list(injected.restClient)).isEqualTo(200);
				assertThat(list(injected.restClient)).isEqualTo(200);
				assertThat(recorders.restClients).hasSize(1);
				assertThat(injected.webClient.get()
					.uri("/interactions/")
					.retrieve()
					.toBodilessEntity()
					.block(Duration.ofSeconds(10))
					.getStatusCode()
					.is2xxSuccessful()).isTrue();
				assertThat(recorders.webClients).hasSize(1);
				assertThat(standIn.tokenRequestCount()).isEqualTo(1);
				assertThat(standIn.apiRequests()).allSatisfy((request) -> {
					assertThat(request.header("Authorization")).startsWith("Bearer ");
					assertThat(request.header("Tenant-Name")).isEqualTo(standIn.tenant());
				});
			});
	}

	@Test
	void manyFirstCallsAtOnceBuildTheClientOnce(CortiStandIn standIn) {
		StandInContextRunner.of(standIn)
			.withPropertyValues("corti.token.prefetch=false")
			.withUserConfiguration(Recorders.class)
			.run((context) -> {
				RestClient client = context.getBean("cortiRestClient", RestClient.class);
				int callers = 32;
				CountDownLatch start = new CountDownLatch(1);
				ExecutorService pool = Executors.newFixedThreadPool(callers);
				try {
					List<Future<Integer>> statuses = new ArrayList<>();
					for (int i = 0; i < callers; i++) {
						statuses.add(pool.submit(() -> {
							start.await();
							return list(client);
						}));
					}
					start.countDown();
					for (Future<Integer> status : statuses) {
						assertThat(status.get(30, TimeUnit.SECONDS)).isEqualTo(200);
					}
				}
				finally {
					pool.shutdownNow();
				}
				assertThat(context.getBean(Recorders.class).restClients).hasSize(1);
				assertThat(standIn.tokenRequestCount()).isEqualTo(1);
			});
	}

	@Test
	void aClientThatFailsToBuildFailsThatCallAndTheNextCallBuildsItAgain(CortiStandIn standIn) {
		StandInContextRunner.of(standIn)
			.withPropertyValues("corti.token.prefetch=false")
			.withUserConfiguration(FailsOnce.class)
			.run((context) -> {
				RestClient client = context.getBean("cortiRestClient", RestClient.class);
				assertThatIllegalStateException().isThrownBy(() -> client.get()).withMessage("customizer failed once");
				assertThat(list(client)).isEqualTo(200);
				assertThat(context.getBean(FailsOnce.class).calls).hasValue(2);
			});
	}

	@Test
	void onceReadyTheTokenAndTheClientsAreMadeInTheBackgroundNotOnTheStartingThread(CortiStandIn standIn) {
		StandInContextRunner.of(standIn)
			.withPropertyValues(namedClientUs(standIn))
			.withUserConfiguration(Recorders.class)
			.run((context) -> {
				Recorders recorders = context.getBean(Recorders.class);
				assertThat(recorders.restClients).isEmpty();
				ready(context.getSourceApplicationContext());
				await().atMost(Duration.ofSeconds(10))
					.until(() -> recorders.restClients.size() == 2 && recorders.webClients.size() == 2
							&& standIn.tokenRequestCount() == 2);
				assertThat(recorders.restClients)
					.allSatisfy((thread) -> assertThat(thread).startsWith("corti-prefetch-"));
				assertThat(recorders.webClients)
					.allSatisfy((thread) -> assertThat(thread).startsWith("corti-prefetch-"));
				assertThat(LazyClient.isPending(context.getBean("cortiRestClient"))).isFalse();
				assertThat(LazyClient.isPending(context.getBean("corti-us-webClient"))).isFalse();
				assertThat(context.getBean(CortiTokenService.class).status().tokenUsable()).isTrue();
				context.getBean("cortiRestClient", RestClient.class)
					.get()
					.uri("/interactions/")
					.retrieve()
					.toBodilessEntity();
				assertThat(recorders.restClients).hasSize(2);
				assertThat(standIn.tokenRequestCount()).isEqualTo(2);
			});
	}

	@Test
	void aClientThatCannotBeBuiltInTheBackgroundLeavesTheRestOfTheWarmUpGoing(CortiStandIn standIn) {
		StandInContextRunner.of(standIn).withUserConfiguration(Recorders.class, AlwaysFails.class).run((context) -> {
			Recorders recorders = context.getBean(Recorders.class);
			ready(context.getSourceApplicationContext());
			await().atMost(Duration.ofSeconds(10))
				.until(() -> recorders.webClients.size() == 1 && standIn.tokenRequestCount() == 1);
			assertThat(LazyClient.isPending(context.getBean("cortiRestClient"))).isTrue();
			assertThat(LazyClient.isPending(context.getBean("cortiWebClient"))).isFalse();
			RestClient client = context.getBean("cortiRestClient", RestClient.class);
			assertThatIllegalStateException().isThrownBy(client::get).withMessage("customizer always fails");
		});
	}

	@Test
	void anHttpClientBootDoesNotKnowIsBuiltOnceAtStartupToCheckItAndThatOneIsClosed(CortiStandIn standIn) {
		List<ClosedOnce> built = new CopyOnWriteArrayList<>();
		ClientHttpRequestFactoryBuilder<ClosedOnce> unknown = (settings) -> {
			ClosedOnce factory = new ClosedOnce();
			built.add(factory);
			return factory;
		};
		StandInContextRunner.of(standIn)
			.withPropertyValues("corti.token.prefetch=false")
			.withBean(ClientHttpRequestFactoryBuilder.class, () -> unknown)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(built).hasSize(1);
				assertThat(built.get(0).closed).isTrue();
				assertThat(list(context.getBean("cortiRestClient", RestClient.class))).isEqualTo(200);
				assertThat(built.size()).isGreaterThan(1);
				assertThat(built.subList(1, built.size())).noneMatch((factory) -> factory.closed);
			});
	}

	@Test
	void aWrongSettingStillFailsStartupThoughTheClientsAreBuiltLater(CortiStandIn standIn) {
		StandInContextRunner.of(standIn)
			.withPropertyValues("corti.http.proxy.host=proxy.hospital.example",
					"spring.http.clients.imperative.factory=simple")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("corti.http.proxy.host"));
		StandInContextRunner.of(standIn)
			.withPropertyValues(namedClientUs(standIn))
			.withPropertyValues("corti.clients.us.client-secret=")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("corti.clients.us.client-secret"));
	}

	@Configuration(proxyBeanMethods = false)
	static class Recorders {

		final AtomicInteger bootRestBuilders = new AtomicInteger();

		final AtomicInteger bootWebBuilders = new AtomicInteger();

		/** The thread that built each Corti {@code RestClient}. */
		final List<String> restClients = new CopyOnWriteArrayList<>();

		/** The thread that built each Corti {@code WebClient}. */
		final List<String> webClients = new CopyOnWriteArrayList<>();

		@Bean
		RestClientCustomizer countBootRestBuilders() {
			return (builder) -> this.bootRestBuilders.incrementAndGet();
		}

		@Bean
		WebClientCustomizer countBootWebBuilders() {
			return (builder) -> this.bootWebBuilders.incrementAndGet();
		}

		@Bean
		CortiRestClientCustomizer recordRestClients() {
			return (builder) -> this.restClients.add(Thread.currentThread().getName());
		}

		@Bean
		CortiWebClientCustomizer recordWebClients() {
			return (builder) -> this.webClients.add(Thread.currentThread().getName());
		}

	}

	/**
	 * A JDK HttpClient (it follows no redirect) that records being closed.
	 */
	static class ClosedOnce extends JdkClientHttpRequestFactory implements DisposableBean {

		volatile boolean closed;

		@Override
		public void destroy() {
			this.closed = true;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class AlwaysFails {

		@Bean
		CortiRestClientCustomizer alwaysFails() {
			return (builder) -> {
				throw new IllegalStateException("customizer always fails");
			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class FailsOnce {

		final AtomicInteger calls = new AtomicInteger();

		@Bean
		CortiRestClientCustomizer failsOnce() {
			return (builder) -> {
				if (this.calls.incrementAndGet() == 1) {
					throw new IllegalStateException("customizer failed once");
				}
			};
		}

	}

}
