package ai.corti.spring.auth;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import ai.corti.spring.auth.standin.CortiStandIn;
import ai.corti.spring.auth.standin.CortiStandInExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Token endpoint answers that are not a token: redirects, {@code Retry-After}, and pages
 * that are not a token response, against the stand-in over loopback with the builder's
 * default HTTP client.
 */
@ExtendWith(OutputCaptureExtension.class)
class TokenEndpointAnswersTests {

	private static final String SECRET = "answers-secret-7f3a9c";

	@RegisterExtension
	static CortiStandInExtension corti = new CortiStandInExtension();

	private final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));

	private final List<CortiTokenService> services = new ArrayList<>();

	@AfterEach
	void closeServices() {
		this.services.forEach(CortiTokenService::close);
	}

	private CortiTokenService.Builder builder(CortiStandIn standIn) {
		standIn.client(standIn.clientId(), SECRET);
		ClientRegistration registration = ClientRegistration.withRegistrationId("corti")
			.clientId(standIn.clientId())
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
			.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
			.scope("openid")
			.tokenUri(standIn.tokenUri())
			.build();
		return CortiTokenService.builder(registration, SECRET)
			.clock(this.clock)
			.retry(3, Duration.ofMillis(10), Duration.ofMillis(50));
	}

	private CortiTokenService service(CortiStandIn standIn) {
		CortiTokenService service = builder(standIn).build();
		this.services.add(service);
		return service;
	}

	@Test
	void aRedirectIsNotFollowedAndTheSecretNeverReachesTheOtherHost(CortiStandIn standIn) {
		try (CortiStandIn other = CortiStandIn.start()) {
			for (int status : new int[] { 302, 307, 308 }) {
				standIn.reset().redirectNextTokenRequest(status, other.tokenUri());
				CortiTokenService tokens = service(standIn);
				assertThatExceptionOfType(CortiTokenException.class).isThrownBy(tokens::getAccessToken)
					.satisfies((ex) -> {
						assertThat(ex.getStatus()).isEqualTo(status);
						assertThat(ex.isRetryable()).isFalse();
						assertThat(ex.getMessage())
							.contains("HTTP " + status, "a redirect to " + other.origin(), "not followed",
									"corti.token-uri")
							.doesNotContain(SECRET);
					});
				assertThat(standIn.tokenRequestCount()).isEqualTo(1);
			}
			assertThat(other.tokenRequests()).isEmpty();
			assertThat(other.apiRequests()).isEmpty();
		}
	}

	@Test
	void retryAfterInSecondsHoldsTokenRequestsBackAndTheExceptionSaysUntilWhen(CortiStandIn standIn) {
		standIn.failNextTokenRequests(1, 429, Map.of("Retry-After", "60"));
		CortiTokenService tokens = service(standIn);
		Instant expectedRetryAt = this.clock.instant().plusSeconds(60);
		for (int i = 0; i < 5; i++) {
			assertThatExceptionOfType(CortiTokenException.class).isThrownBy(tokens::getAccessToken).satisfies((ex) -> {
				assertThat(ex.getStatus()).isEqualTo(429);
				assertThat(ex.isRetryable()).isTrue();
				assertThat(ex.getRetryAt()).isEqualTo(expectedRetryAt);
				assertThat(ex.getMessage()).contains("no new token request before " + expectedRetryAt);
			});
		}
		this.clock.advance(Duration.ofSeconds(59));
		assertThatExceptionOfType(CortiTokenException.class).isThrownBy(() -> tokens.accessToken().block());
		assertThat(standIn.tokenRequestCount()).isEqualTo(1);
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(tokens.getAccessToken()).startsWith("ey");
		assertThat(standIn.tokenRequestCount()).isEqualTo(2);
	}

	@Test
	void retryAfterAsAnHttpDateIsHonoured(CortiStandIn standIn) {
		Instant until = this.clock.instant().plusSeconds(30);
		standIn.failNextTokenRequests(1, 503,
				Map.of("Retry-After", DateTimeFormatter.RFC_1123_DATE_TIME.format(until.atOffset(ZoneOffset.UTC))));
		CortiTokenService tokens = service(standIn);
		assertThatExceptionOfType(CortiTokenException.class).isThrownBy(tokens::getAccessToken)
			.satisfies((ex) -> assertThat(ex.getRetryAt()).isEqualTo(until));
		this.clock.advance(Duration.ofSeconds(29));
		assertThatExceptionOfType(CortiTokenException.class).isThrownBy(tokens::getAccessToken);
		assertThat(standIn.tokenRequestCount()).isEqualTo(1);
	}

	@Test
	void retryAfterIsCappedByMaxRetryAfter(CortiStandIn standIn) {
		standIn.failNextTokenRequests(1, 429, Map.of("Retry-After", "86400"));
		CortiTokenService tokens = builder(standIn).maxRetryAfter(Duration.ofSeconds(20)).build();
		this.services.add(tokens);
		assertThatExceptionOfType(CortiTokenException.class).isThrownBy(tokens::getAccessToken)
			.satisfies((ex) -> assertThat(ex.getRetryAt()).isEqualTo(this.clock.instant().plusSeconds(20)));
		this.clock.advance(Duration.ofSeconds(20));
		assertThat(tokens.getAccessToken()).startsWith("ey");
	}

	@Test
	void aShortRetryAfterIsWaitedOutWithinTheRequestSoCallersGetAToken(CortiStandIn standIn) {
		standIn.failNextTokenRequests(1, 503, Map.of("Retry-After", "0"));
		CortiTokenService tokens = service(standIn);
		assertThat(tokens.getAccessToken()).startsWith("ey");
		assertThat(standIn.tokenRequestCount()).isEqualTo(2);
	}

	@Test
	void aStillValidTokenKeepsBeingServedWhileTheEndpointAsksToWait(CortiStandIn standIn, CapturedOutput output) {
		CortiTokenService tokens = service(standIn);
		String first = tokens.getAccessToken();
		standIn.failNextTokenRequests(1, 503, Map.of("Retry-After", "45"));
		this.clock.advance(Duration.ofSeconds(200));
		assertThat(tokens.getAccessToken()).isEqualTo(first);
		await().atMost(Duration.ofSeconds(5)).until(() -> output.getOut().contains("still serving the current token"));
		for (int i = 0; i < 5; i++) {
			assertThat(tokens.getAccessToken()).isEqualTo(first);
		}
		this.clock.advance(Duration.ofSeconds(44));
		assertThat(tokens.getAccessToken()).isEqualTo(first);
		assertThat(standIn.tokenRequestCount()).isEqualTo(2);
		this.clock.advance(Duration.ofSeconds(2));
		assertThat(tokens.getAccessToken()).isEqualTo(first);
		await().atMost(Duration.ofSeconds(5)).until(() -> !tokens.getAccessToken().equals(first));
		assertThat(standIn.tokenRequestCount()).isEqualTo(3);
	}

	@Test
	void aProxyLoginPageIsDescribedWithoutQuotingSecretsAndPointsAtTheTokenUri(CortiStandIn standIn) {
		String page = "<!DOCTYPE html><html><head><title>Hospital proxy sign-in</title></head><body>"
				+ "Your request client_secret=" + SECRET + " was held. Please sign in.</body></html>";
		for (int i = 0; i < 3; i++) {
			standIn.answerNextTokenRequest(200, "text/html; charset=utf-8", page);
		}
		CortiTokenService tokens = service(standIn);
		assertThatExceptionOfType(CortiTokenException.class).isThrownBy(tokens::getAccessToken).satisfies((ex) -> {
			assertThat(ex.getStatus()).isEqualTo(200);
			assertThat(ex.getErrorCode()).isEqualTo("invalid_token_response");
			assertThat(ex.getMessage())
				.contains("HTTP 200", "Content-Type text/html", "not an OAuth 2.0 token response",
						"starts with \"<!DOCTYPE html><html><head><title>Hospital proxy sign-in</title>", "[redacted]",
						"corti.token-uri", "proxy")
				.doesNotContain(SECRET);
		});
	}

	@Test
	void aJsonAnswerWithoutAnAccessTokenNamesItsFieldsOnly(CortiStandIn standIn) {
		for (int i = 0; i < 3; i++) {
			standIn.answerNextTokenRequest(200, "application/json",
					"{\"status\":\"ok\",\"session\":\"" + SECRET + "\",\"id_token\":\"eyJhbGciOiJub25lIn0.e30.c2ln\"}");
		}
		CortiTokenService tokens = service(standIn);
		assertThatExceptionOfType(CortiTokenException.class).isThrownBy(tokens::getAccessToken)
			.satisfies((ex) -> assertThat(ex.getMessage())
				.contains("Content-Type application/json", "a JSON object with the fields [status, session, id_token]")
				.doesNotContain(SECRET, "eyJhbGciOiJub25lIn0"));
	}

	@Test
	void aPlainTextAnswerIsQuotedWithTokensMasked(CortiStandIn standIn) {
		for (int i = 0; i < 3; i++) {
			standIn.answerNextTokenRequest(200, "text/plain", "token eyJhbGciOiJub25lIn0.eyJleHAiOjF9.c2ln ok");
		}
		CortiTokenService tokens = service(standIn);
		assertThatExceptionOfType(CortiTokenException.class).isThrownBy(tokens::getAccessToken)
			.satisfies((ex) -> assertThat(ex.getMessage()).contains("reads \"token […] ok\"")
				.doesNotContain("eyJhbGciOiJub25lIn0"));
	}

	@Test
	void anUnreadableContentTypeIsStillDescribedAndRetried(CortiStandIn standIn) {
		for (int i = 0; i < 3; i++) {
			standIn.answerNextTokenRequest(503, "html", "<html>down</html>");
		}
		CortiTokenService tokens = service(standIn);
		assertThatExceptionOfType(CortiTokenException.class).isThrownBy(tokens::getAccessToken).satisfies((ex) -> {
			assertThat(ex.getStatus()).isEqualTo(503);
			assertThat(ex.isRetryable()).isTrue();
		});
		assertThat(standIn.tokenRequestCount()).isEqualTo(3);
		for (int i = 0; i < 3; i++) {
			standIn.answerNextTokenRequest(200, "html", "<html>sign in</html>");
		}
		this.clock.advance(Duration.ofSeconds(1));
		assertThatExceptionOfType(CortiTokenException.class).isThrownBy(tokens::getAccessToken)
			.satisfies((ex) -> assertThat(ex.getMessage()).contains("an unreadable Content-Type",
					"reads \"<html>sign in</html>\""));
	}

}
