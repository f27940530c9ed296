package ai.corti.spring.auth.standin;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The stand-in's own behaviour, over real HTTP with the JDK client: it must look like
 * Corti to any client.
 */
class CortiStandInTests {

	@RegisterExtension
	static CortiStandInExtension corti = new CortiStandInExtension();

	private final HttpClient http = HttpClient.newHttpClient();

	private HttpResponse<String> token(CortiStandIn standIn, String form) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create(standIn.tokenUri()))
			.header("content-type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> get(CortiStandIn standIn, String path, String... headers) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(standIn.baseUrl() + path)).GET();
		if (headers.length > 0) {
			request.headers(headers);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private String accessToken(HttpResponse<String> answer) {
		String body = answer.body();
		int start = body.indexOf("\"access_token\":\"") + 16;
		return body.substring(start, body.indexOf('"', start));
	}

	@Test
	void issuesKeycloakShapedTokensAndRecordsTheForm(CortiStandIn standIn) throws Exception {
		HttpResponse<String> answer = token(standIn, "grant_type=client_credentials&client_id=stand-in-client"
				+ "&client_secret=stand-in-secret&scope=openid");
		assertThat(answer.statusCode()).isEqualTo(200);
		assertThat(answer.body()).contains("\"expires_in\":300", "\"token_type\":\"Bearer\"",
				"\"refresh_expires_in\":0", "\"not-before-policy\":0", "\"id_token\"",
				"\"scope\":\"openid email profile\"");
		assertThat(standIn.tokenRequests()).singleElement()
			.satisfies((request) -> assertThat(request.form()).containsEntry("grant_type", "client_credentials"));
	}

	@Test
	void rejectsCredentialsAndScopesLikeKeycloak(CortiStandIn standIn) throws Exception {
		assertThat(token(standIn, "grant_type=client_credentials&client_id=nobody&client_secret=x"))
			.satisfies((answer) -> assertThat(answer.statusCode()).isEqualTo(401))
			.satisfies((answer) -> assertThat(answer.body()).contains("\"error\":\"invalid_client\""));
		assertThat(token(standIn, "grant_type=client_credentials&client_id=stand-in-client&client_secret=x").body())
			.contains("\"error\":\"unauthorized_client\"", "\"error_description\":");
		HttpResponse<String> scope = token(standIn,
				"grant_type=client_credentials&client_id=stand-in-client&client_secret=stand-in-secret&scope=openid bogus");
		assertThat(scope.statusCode()).isEqualTo(400);
		assertThat(scope.body()).contains("\"error\":\"invalid_scope\"");
	}

	@Test
	void apiChecksBearerTokenAndTenantWithCaseInsensitiveHeaders(CortiStandIn standIn) throws Exception {
		String token = accessToken(token(standIn,
				"grant_type=client_credentials&client_id=stand-in-client&client_secret=stand-in-secret"));
		HttpResponse<String> missing = get(standIn, "/interactions/");
		assertThat(missing.statusCode()).isEqualTo(401);
		assertThat(missing.headers().firstValue("www-authenticate")).hasValue("Bearer error=\"invalid_token\"");
		assertThat(get(standIn, "/interactions/", "authorization", "Bearer " + token).statusCode()).isEqualTo(403);
		HttpResponse<String> ok = get(standIn, "/interactions/?pageSize=1", "AUTHORIZATION", "Bearer " + token,
				"tenant-name", "base");
		assertThat(ok.statusCode()).isEqualTo(200);
		assertThat(ok.body()).contains("\"interactions\"");
		assertThat(standIn.apiRequests().get(2).header("Tenant-Name")).isEqualTo("base");
		standIn.recordApiRequests(false);
		get(standIn, "/interactions/", "Authorization", "Bearer " + token, "Tenant-Name", "base");
		assertThat(standIn.apiRequests()).hasSize(3);
		standIn.revoke(token);
		assertThat(
				get(standIn, "/interactions/", "Authorization", "Bearer " + token, "Tenant-Name", "base").statusCode())
			.isEqualTo(401);
	}

	@Test
	void scriptedFailuresComeFirstAndInOrder(CortiStandIn standIn) throws Exception {
		standIn.failNextTokenRequests(1, 503).answerNextTokenRequest(200, "application/json", "{not json");
		String form = "grant_type=client_credentials&client_id=stand-in-client&client_secret=stand-in-secret";
		assertThat(token(standIn, form).statusCode()).isEqualTo(503);
		assertThat(token(standIn, form).body()).isEqualTo("{not json");
		assertThat(token(standIn, form).statusCode()).isEqualTo(200);
		assertThat(standIn.tokenRequestCount()).isEqualTo(3);
	}

	@Test
	void missingExpiresInStillCarriesAJwtExpClaim(CortiStandIn standIn) throws Exception {
		standIn.sendExpiresIn(false).tokenLifetime(Duration.ofSeconds(42));
		HttpResponse<String> answer = token(standIn,
				"grant_type=client_credentials&client_id=stand-in-client&client_secret=stand-in-secret");
		assertThat(answer.body()).doesNotContain("\"expires_in\"");
		String payload = new String(java.util.Base64.getUrlDecoder().decode(accessToken(answer).split("\\.")[1]));
		assertThat(payload).contains("\"exp\":");
	}

	@Test
	void propertyValuesPointAtTheStandIn(CortiStandIn standIn) {
		assertThat(List.of(standIn.propertyValues())).contains("corti.token-uri=" + standIn.tokenUri(),
				"corti.base-url=" + standIn.baseUrl(), "corti.tenant-name=base", "corti.client-id=stand-in-client",
				"corti.client-secret=stand-in-secret");
	}

	@Test
	void scriptedApiFailuresComeBeforeTheTokenCheckAndCarryRetryAfter(CortiStandIn standIn) throws Exception {
		standIn.failNextApiRequests(2, 503, Duration.ofSeconds(7));
		for (int i = 0; i < 2; i++) {
			HttpResponse<String> failed = get(standIn, "/interactions/");
			assertThat(failed.statusCode()).isEqualTo(503);
			assertThat(failed.headers().firstValue("Retry-After")).hasValue("7");
		}
		assertThat(get(standIn, "/interactions/").statusCode()).isEqualTo(401);
		standIn.failApiRequests(429, null);
		for (int i = 0; i < 3; i++) {
			HttpResponse<String> failed = get(standIn, "/interactions/");
			assertThat(failed.statusCode()).isEqualTo(429);
			assertThat(failed.headers().firstValue("Retry-After")).isEmpty();
		}
		standIn.clearApiFailures();
		assertThat(get(standIn, "/interactions/").statusCode()).isEqualTo(401);
		assertThat(standIn.apiRequests()).hasSize(7);
	}

	@Test
	void statusZeroClosesTheConnectionWithoutAnAnswer(CortiStandIn standIn) {
		standIn.failNextApiRequests(1, 0, null);
		// A POST: the JDK client resends a GET once by itself when the connection closes.
		assertThatExceptionOfType(IOException.class)
			.isThrownBy(() -> this.http.send(HttpRequest.newBuilder(URI.create(standIn.baseUrl() + "/interactions/"))
				.POST(HttpRequest.BodyPublishers.ofString("{}"))
				.build(), HttpResponse.BodyHandlers.ofString()));
		assertThat(standIn.apiRequests()).hasSize(1);
	}

	@Test
	void redirectsCarryTheirLocation(CortiStandIn standIn) throws Exception {
		String token = accessToken(token(standIn,
				"grant_type=client_credentials&client_id=stand-in-client" + "&client_secret=stand-in-secret"));
		standIn.redirect("GET", "/v2/moved/", 307, "http://elsewhere.example/v2/moved/");
		HttpResponse<String> moved = get(standIn, "/moved/", "Authorization", "Bearer " + token, "Tenant-Name", "base");
		assertThat(moved.statusCode()).isEqualTo(307);
		assertThat(moved.headers().firstValue("Location")).hasValue("http://elsewhere.example/v2/moved/");
		standIn.redirectNextTokenRequest(302, "http://elsewhere.example/token");
		HttpResponse<String> redirected = token(standIn, "grant_type=client_credentials");
		assertThat(redirected.statusCode()).isEqualTo(302);
		assertThat(redirected.headers().firstValue("Location")).hasValue("http://elsewhere.example/token");
	}

	@Test
	void scriptedTokenFailuresCarryTheirHeaders(CortiStandIn standIn) throws Exception {
		standIn.failNextTokenRequests(1, 429, java.util.Map.of("Retry-After", "30"));
		HttpResponse<String> limited = token(standIn, "grant_type=client_credentials");
		assertThat(limited.statusCode()).isEqualTo(429);
		assertThat(limited.headers().firstValue("Retry-After")).hasValue("30");
	}

	@Test
	void servesSeveralTenantsWithTheirOwnCredentialsAndTokens(CortiStandIn standIn) throws Exception {
		standIn.addTenant("acme", "acme-client", "acme-secret");
		HttpResponse<String> base = token(standIn,
				"grant_type=client_credentials&client_id=stand-in-client" + "&client_secret=stand-in-secret");
		HttpResponse<String> acme = this.http.send(HttpRequest.newBuilder(URI.create(standIn.tokenUri("acme")))
			.header("content-type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers
				.ofString("grant_type=client_credentials&client_id=acme-client&client_secret=acme-secret"))
			.build(), HttpResponse.BodyHandlers.ofString());
		HttpResponse<String> crossed = this.http.send(HttpRequest.newBuilder(URI.create(standIn.tokenUri("acme")))
			.header("content-type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers
				.ofString("grant_type=client_credentials&client_id=stand-in-client&client_secret=stand-in-secret"))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(base.statusCode()).isEqualTo(200);
		assertThat(acme.statusCode()).isEqualTo(200);
		assertThat(crossed.statusCode()).isEqualTo(401);
		String acmeToken = accessToken(acme);
		String baseToken = accessToken(base);
		assertThat(get(standIn, "/interactions/", "Authorization", "Bearer " + acmeToken, "Tenant-Name", "acme")
			.statusCode()).isEqualTo(200);
		assertThat(get(standIn, "/interactions/", "Authorization", "Bearer " + acmeToken, "Tenant-Name", "base")
			.statusCode()).isEqualTo(403);
		assertThat(get(standIn, "/interactions/", "Authorization", "Bearer " + baseToken, "Tenant-Name", "acme")
			.statusCode()).isEqualTo(403);
		assertThat(get(standIn, "/interactions/", "Authorization", "Bearer " + baseToken, "Tenant-Name", "base")
			.statusCode()).isEqualTo(200);
		assertThat(this.http
			.send(HttpRequest.newBuilder(URI.create(standIn.tokenUri("nowhere")))
				.header("content-type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
				.build(), HttpResponse.BodyHandlers.ofString())
			.statusCode()).isEqualTo(404);
	}

}
