package ai.corti.spring.auth.autoconfigure;

import java.time.Duration;

import ai.corti.spring.auth.standin.CortiStandIn;
import ai.corti.spring.auth.standin.CortiStandInExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The first token is fetched in the background once the application is ready.
 */
@ExtendWith(OutputCaptureExtension.class)
class CortiTokenPrefetchTests {

	@RegisterExtension
	static CortiStandInExtension corti = new CortiStandInExtension();

	private static void ready(ConfigurableApplicationContext context) {
		context.publishEvent(new ApplicationReadyEvent(new SpringApplication(), new String[0], context, Duration.ZERO));
	}

	@Test
	void theFirstTokenIsFetchedOnceTheApplicationIsReadySoTheFirstCallFindsIt(CortiStandIn standIn) {
		StandInContextRunner.of(standIn).run((context) -> {
			assertThat(context).hasBean("cortiTokenPrefetch");
			assertThat(standIn.tokenRequestCount()).isZero();
			ready(context.getSourceApplicationContext());
			await().atMost(Duration.ofSeconds(5)).until(() -> standIn.tokenRequestCount() == 1);
			context.getBean("cortiRestClient", RestClient.class)
				.get()
				.uri("/interactions/")
				.retrieve()
				.toBodilessEntity();
			assertThat(standIn.tokenRequestCount()).isEqualTo(1);
			assertThat(standIn.tokenRequests().get(0).form()).containsEntry("grant_type", "client_credentials");
		});
	}

	@Test
	void aFailingPrefetchLogsAWarningAndTheNextCallTriesAgain(CortiStandIn standIn, CapturedOutput output) {
		standIn.failNextTokenRequests(2, 503);
		StandInContextRunner.of(standIn)
			.withPropertyValues("corti.token.retry.max-attempts=2", "corti.token.retry.initial-backoff=10ms",
					"corti.token.retry.max-backoff=20ms")
			.run((context) -> {
				ready(context.getSourceApplicationContext());
				await().atMost(Duration.ofSeconds(5))
					.until(() -> output.getOut().contains("WARN") && output.getOut().contains("HTTP 503"));
				assertThat(context).hasNotFailed();
				RestClient client = context.getBean("cortiRestClient", RestClient.class);
				await().atMost(Duration.ofSeconds(5))
					.ignoreExceptions()
					.until(() -> client.get()
						.uri("/interactions/")
						.retrieve()
						.toBodilessEntity()
						.getStatusCode()
						.is2xxSuccessful());
				assertThat(standIn.tokenRequestCount()).isEqualTo(3);
			});
	}

	@Test
	void prefetchCanBeTurnedOff(CortiStandIn standIn) {
		StandInContextRunner.of(standIn).withPropertyValues("corti.token.prefetch=false").run((context) -> {
			assertThat(context).doesNotHaveBean("cortiTokenPrefetch");
			ready(context.getSourceApplicationContext());
			context.getBean("cortiRestClient", RestClient.class)
				.get()
				.uri("/interactions/")
				.retrieve()
				.toBodilessEntity();
			assertThat(standIn.tokenRequestCount()).isEqualTo(1);
		});
	}

}
