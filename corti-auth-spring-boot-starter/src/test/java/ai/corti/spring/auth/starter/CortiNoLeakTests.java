package ai.corti.spring.auth.starter;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import ai.corti.spring.auth.CortiTokenException;
import ai.corti.spring.auth.CortiTokenService;
import ai.corti.spring.auth.standin.CortiStandIn;
import ai.corti.spring.auth.test.AutoConfigureCortiStandIn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/**
 * With every logger at TRACE (Spring's HTTP and codec logging included), through token
 * fetches, calls, renewals, a 401, a failing token endpoint and Actuator's endpoints
 * showing all values: neither the client secret nor any access token ever appears in the
 * output, in exception messages, in {@code toString()} or in Actuator's answers.
 */
@SpringBootTest(classes = CortiNoLeakTests.App.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "logging.level.root=TRACE", "corti.token.retry.initial-backoff=10ms",
				"corti.token.retry.max-backoff=20ms",
				"management.endpoints.web.exposure.include=configprops,env,health",
				"management.endpoint.configprops.show-values=always", "management.endpoint.env.show-values=always",
				"management.endpoint.health.show-details=always" })
@AutoConfigureCortiStandIn
@ExtendWith(OutputCaptureExtension.class)
class CortiNoLeakTests {

	static final String SECRET = "Sup3r-Secret-Corti-Client-Value";

	static {
		// As in production, the secret comes from outside the application (here a system
		// property, so that the test
		// framework's own logging of @SpringBootTest properties cannot be mistaken for a
		// leak).
		System.setProperty("corti.client-secret", SECRET);
	}

	@AfterAll
	static void clearSecret() {
		System.clearProperty("corti.client-secret");
	}

	@Autowired
	CortiStandIn corti;

	@Autowired
	ApplicationContext context;

	@LocalServerPort
	int port;

	@Test
	void secretAndTokensNeverLeak(CapturedOutput output, @Qualifier("cortiRestClient") @Autowired RestClient rest,
			@Qualifier("cortiWebClient") @Autowired WebClient web, @Autowired CortiTokenService tokens) {
		List<String> evidence = new ArrayList<>();
		this.corti.tokenLifetime(Duration.ofSeconds(2));
		tokens.invalidate(tokens.getAccessToken());
		rest.get().uri("/interactions/").retrieve().body(String.class);
		web.post()
			.uri("/interactions/")
			.bodyValue(Map.of("encounter", Map.of("identifier", "leak-check")))
			.retrieve()
			.bodyToMono(String.class)
			.block();
		int before = this.corti.tokenRequestCount();
		await().atMost(Duration.ofSeconds(30)).until(() -> this.corti.tokenRequestCount() > before);
		// Back to long-lived tokens before revoking, so that no renewal is under way when
		// the revocation happens
		// (a token issued just before it would be rejected on the one retry too).
		this.corti.tokenLifetime(Duration.ofSeconds(300));
		await().atMost(Duration.ofSeconds(30))
			.until(() -> tokens.status().expiresAt() != null
					&& tokens.status().expiresAt().isAfter(java.time.Instant.now().plusSeconds(200)));
		this.corti.revokeAllTokens();
		rest.get().uri("/interactions/").retrieve().body(String.class);
		web.get().uri("/interactions/").retrieve().bodyToMono(String.class).block();

		this.corti.failNextTokenRequests(50, 503);
		tokens.invalidate(tokens.getAccessToken());
		assertThat(catchThrowable(tokens::getAccessToken)).isInstanceOf(CortiTokenException.class);
		this.corti.reset();
		this.corti.failNextTokenRequest(401, "unauthorized_client", "Invalid client or Invalid client credentials");
		Throwable failure = catchThrowable(() -> rest.get().uri("/interactions/").retrieve().body(String.class));
		assertThat(failure).isInstanceOf(CortiTokenException.class);
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			evidence.add(String.valueOf(cause.getMessage()));
			evidence.add(cause.toString());
		}

		RestClient plain = RestClient.create("http://127.0.0.1:" + this.port);
		evidence.add(plain.get().uri("/actuator/configprops").retrieve().body(String.class));
		evidence.add(plain.get().uri("/actuator/env").retrieve().body(String.class));
		String health = plain.get()
			.uri("/actuator/health/corti")
			.exchange((request, response) -> new String(response.getBody().readAllBytes()), true);
		assertThat(health).contains("\"tokenPresent\"", "\"lastError\"");
		evidence.add(health);
		evidence.add(tokens.toString());
		evidence.add(tokens.status().toString());
		evidence.add(this.context.getBean("cortiClientRegistration", ClientRegistration.class).toString());
		evidence.add(output.getAll());

		List<String> tokensIssued = this.corti.issuedTokens();
		assertThat(tokensIssued).hasSizeGreaterThanOrEqualTo(4);
		assertThat(output.getAll()).contains("TRACE").contains("Writing [{grant_type=[client_credentials]");
		for (String text : evidence) {
			assertThat(text).doesNotContain(SECRET);
			for (String token : tokensIssued) {
				assertThat(text).doesNotContain(token);
			}
		}
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class App {

	}

}
