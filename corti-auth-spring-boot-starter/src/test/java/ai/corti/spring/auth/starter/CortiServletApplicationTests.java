package ai.corti.spring.auth.starter;

import java.util.concurrent.CompletableFuture;

import ai.corti.spring.auth.standin.CortiStandIn;
import ai.corti.spring.auth.test.AutoConfigureCortiStandIn;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.scheduling.annotation.Async;
import org.springframework.scheduling.annotation.EnableAsync;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real servlet application with the starter on its classpath: its endpoints stay open
 * (no Spring Security lock, no login page) and Corti calls work from request threads and
 * {@code @Async} threads.
 */
@SpringBootTest(classes = CortiServletApplicationTests.App.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureCortiStandIn
class CortiServletApplicationTests {

	@Autowired
	CortiStandIn corti;

	@Autowired
	AsyncCaller asyncCaller;

	@Autowired
	ScheduledCaller scheduledCaller;

	@LocalServerPort
	int port;

	@BeforeEach
	void reset() {
		this.corti.reset();
	}

	@Test
	void applicationEndpointsAreNotLockedByTheStarter() {
		RestClient plain = RestClient.create("http://127.0.0.1:" + this.port);
		assertThat(plain.get().uri("/hello").retrieve().body(String.class)).isEqualTo("hello");
		int loginStatus = plain.get()
			.uri("/login")
			.exchange((request, response) -> response.getStatusCode().value(), true);
		assertThat(loginStatus).isEqualTo(404);
	}

	@Test
	void cortiCallsWorkOnRequestThreadsThroughBothClients() {
		RestClient plain = RestClient.create("http://127.0.0.1:" + this.port);
		assertThat(plain.get().uri("/interactions-rest").retrieve().body(String.class)).contains("interactions");
		assertThat(plain.get().uri("/interactions-web").retrieve().body(String.class)).contains("interactions");
		assertThat(this.corti.apiRequests()).hasSize(2)
			.allSatisfy((call) -> assertThat(call.header("Tenant-Name")).isEqualTo(this.corti.tenant()));
		assertThat(this.corti.apiRequests()).extracting((call) -> call.header("Authorization"))
			.as("one token shared by both clients")
			.containsOnly(this.corti.apiRequests().get(0).header("Authorization"));
	}

	@Test
	void cortiCallsWorkOnAsyncThreads() {
		assertThat(this.asyncCaller.interactions()).succeedsWithin(java.time.Duration.ofSeconds(10))
			.asString()
			.contains("interactions");
		assertThat(this.corti.apiRequests()).singleElement()
			.satisfies((call) -> assertThat(call.header("Authorization")).startsWith("Bearer "));
	}

	@Test
	void cortiCallsWorkOnScheduledThreads() {
		assertThat(this.scheduledCaller.firstResult).succeedsWithin(java.time.Duration.ofSeconds(10))
			.asString()
			.contains("interactions");
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@EnableAsync
	@EnableScheduling
	@Import(Endpoints.class)
	static class App {

		@Bean
		AsyncCaller asyncCaller(@Qualifier("cortiRestClient") RestClient corti) {
			return new AsyncCaller(corti);
		}

		@Bean
		ScheduledCaller scheduledCaller(@Qualifier("cortiWebClient") WebClient corti) {
			return new ScheduledCaller(corti);
		}

	}

	static class ScheduledCaller {

		final CompletableFuture<String> firstResult = new CompletableFuture<>();

		private final WebClient corti;

		ScheduledCaller(WebClient corti) {
			this.corti = corti;
		}

		@Scheduled(fixedDelay = 60_000)
		void call() {
			try {
				this.firstResult
					.complete(this.corti.get().uri("/interactions/").retrieve().bodyToMono(String.class).block());
			}
			catch (RuntimeException ex) {
				this.firstResult.completeExceptionally(ex);
			}
		}

	}

	@RestController
	static class Endpoints {

		private final RestClient restClient;

		private final WebClient webClient;

		Endpoints(@Qualifier("cortiRestClient") RestClient restClient,
				@Qualifier("cortiWebClient") WebClient webClient) {
			this.restClient = restClient;
			this.webClient = webClient;
		}

		@GetMapping("/hello")
		String hello() {
			return "hello";
		}

		@GetMapping("/interactions-rest")
		String viaRestClient() {
			return this.restClient.get().uri("/interactions/?pageSize=1").retrieve().body(String.class);
		}

		@GetMapping("/interactions-web")
		String viaWebClient() {
			return this.webClient.get().uri("/interactions/?pageSize=1").retrieve().bodyToMono(String.class).block();
		}

	}

	static class AsyncCaller {

		private final RestClient corti;

		AsyncCaller(RestClient corti) {
			this.corti = corti;
		}

		@Async
		CompletableFuture<String> interactions() {
			return CompletableFuture
				.completedFuture(this.corti.get().uri("/interactions/").retrieve().body(String.class));
		}

	}

}
