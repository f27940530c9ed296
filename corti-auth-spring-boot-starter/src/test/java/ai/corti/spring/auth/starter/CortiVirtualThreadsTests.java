package ai.corti.spring.auth.starter;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import ai.corti.spring.auth.standin.CortiStandIn;
import ai.corti.spring.auth.test.AutoConfigureCortiStandIn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.Async;
import org.springframework.scheduling.annotation.EnableAsync;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code spring.threads.virtual.enabled=true}, 200 concurrent {@code @Async} calls
 * on virtual threads share one token request at cold start (the stand-in turns prefetch
 * off; the token core parks on futures, it holds no monitor around I/O).
 */
@EnabledForJreRange(min = JRE.JAVA_21)
@SpringBootTest(classes = CortiVirtualThreadsTests.App.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
		properties = "spring.threads.virtual.enabled=true")
@AutoConfigureCortiStandIn
class CortiVirtualThreadsTests {

	@Autowired
	CortiStandIn corti;

	@Autowired
	Caller caller;

	@Test
	void twoHundredVirtualThreadsShareOneTokenRequest() throws Exception {
		this.corti.reset();
		this.corti.tokenDelay(Duration.ofMillis(300));
		List<CompletableFuture<Boolean>> calls = new ArrayList<>();
		for (int i = 0; i < 200; i++) {
			calls.add(this.caller.callOnVirtualThread());
		}
		CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).get();
		assertThat(calls).allSatisfy((call) -> assertThat(call.get()).as("ran on a virtual thread").isTrue());
		assertThat(this.corti.apiRequests()).hasSize(200);
		assertThat(this.corti.tokenRequestCount()).isEqualTo(1);
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@EnableAsync
	static class App {

		@Bean
		Caller caller(@Qualifier("cortiRestClient") RestClient corti) {
			return new Caller(corti);
		}

	}

	static class Caller {

		private final RestClient corti;

		Caller(RestClient corti) {
			this.corti = corti;
		}

		@Async
		CompletableFuture<Boolean> callOnVirtualThread() throws ReflectiveOperationException {
			this.corti.get().uri("/interactions/").retrieve().toBodilessEntity();
			boolean virtual = (Boolean) Thread.class.getMethod("isVirtual").invoke(Thread.currentThread());
			return CompletableFuture.completedFuture(virtual);
		}

	}

}
