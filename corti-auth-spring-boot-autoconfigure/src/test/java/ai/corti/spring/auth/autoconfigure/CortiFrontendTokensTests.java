package ai.corti.spring.auth.autoconfigure;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import ai.corti.spring.auth.CortiAccessToken;
import ai.corti.spring.auth.CortiFrontendTokens;
import ai.corti.spring.auth.CortiTokenService;
import ai.corti.spring.auth.CortiWebSocketUrls;
import ai.corti.spring.auth.standin.CortiStandIn;
import ai.corti.spring.auth.standin.CortiStandInExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tokens for front-ends: scoped to {@code streams} or {@code transcribe}, each from its
 * own cache, with their expiry.
 */
class CortiFrontendTokensTests {

	@RegisterExtension
	static CortiStandInExtension corti = new CortiStandInExtension();

	private static String scopeOf(String jwt) {
		String payload = new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8);
		int start = payload.indexOf("\"scope\":\"") + 9;
		return payload.substring(start, payload.indexOf('"', start));
	}

	@Test
	void streamsAndTranscribeTokensAreNarrowCachedAndCarryTheirExpiry(CortiStandIn standIn) {
		standIn.tokenLifetime(Duration.ofSeconds(120));
		StandInContextRunner.of(standIn).run((context) -> {
			CortiFrontendTokens tokens = context.getBean(CortiFrontendTokens.class);
			assertThat(standIn.tokenRequestCount()).as("no token request before first use").isZero();
			Instant before = Instant.now();
			CortiAccessToken streams = tokens.streams().block();
			CortiAccessToken transcribe = tokens.getTranscribeToken();
			assertThat(scopeOf(streams.value())).isEqualTo("openid streams");
			assertThat(scopeOf(transcribe.value())).isEqualTo("openid transcribe");
			assertThat(streams.expiresAt()).isBetween(before.plusSeconds(110), before.plusSeconds(130));
			assertThat(tokens.getStreamsToken()).isEqualTo(streams);
			assertThat(tokens.transcribe().block()).isEqualTo(transcribe);
			String main = context.getBean(CortiTokenService.class).getAccessToken();
			assertThat(main).isNotIn(streams.value(), transcribe.value());
			assertThat(standIn.tokenRequests()).hasSize(3)
				.extracting((request) -> request.form().get("scope"))
				.containsExactlyInAnyOrder("openid streams", "openid transcribe", "openid");
			assertThat(streams.toString()).doesNotContain(streams.value()).contains("expiresAt");
		});
	}

	@Test
	void theWebSocketUrlsShareTheScopedCaches(CortiStandIn standIn) {
		StandInContextRunner.of(standIn).withPropertyValues("corti.websocket.scoped-tokens=true").run((context) -> {
			CortiAccessToken transcribe = context.getBean(CortiFrontendTokens.class).getTranscribeToken();
			String url = context.getBean(CortiWebSocketUrls.class).transcribe().block().toString();
			assertThat(url).contains("token=Bearer%20" + transcribe.value());
			assertThat(standIn.tokenRequestCount()).isEqualTo(1);
		});
	}

	@Test
	void absentWhenTheApplicationBringsItsOwnTokenProvider(CortiStandIn standIn) {
		StandInContextRunner.of(standIn)
			.withBean(CortiTokenProviderTests.GatewayTokens.class,
					() -> new CortiTokenProviderTests.GatewayTokens(standIn))
			.run((context) -> assertThat(context).doesNotHaveBean(CortiFrontendTokens.class));
	}

}
