package ai.corti.spring.auth.standin;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The token endpoint over real loopback HTTP: tenants, credentials, scopes, how tokens
 * look, and scripted answers. Tests that change what {@link CortiStandIn#reset()} keeps
 * start their own stand-in.
 */
class StandInTokenEndpointTests {

	@RegisterExtension
	static CortiStandInExtension corti = new CortiStandInExtension();

	private LoopbackClient client;

	@BeforeEach
	void client(CortiStandIn standIn) {
		this.client = new LoopbackClient(standIn);
	}

	@Test
	void acceptsCredentialsAsFormFields() {
		HttpResponse<String> answer = this.client.token(LoopbackClient.CLIENT_CREDENTIALS);
		assertThat(answer.statusCode()).isEqualTo(200);
		assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/json");
	}

	@Test
	void acceptsUrlEncodedCredentialsWithBasicAuthenticationBeforeFormFields(CortiStandIn standIn) {
		standIn.addTenant("basic", "a client", "s:cr/et");
		String basic = "Basic " + Base64.getEncoder()
			.encodeToString((URLEncoder.encode("a client", StandardCharsets.UTF_8) + ":"
					+ URLEncoder.encode("s:cr/et", StandardCharsets.UTF_8))
				.getBytes(StandardCharsets.UTF_8));
		assertThat(this.client
			.token("basic", "grant_type=client_credentials&client_id=nobody&client_secret=x", "Authorization", basic)
			.statusCode()).isEqualTo(200);
		String wrongSecret = "Basic "
				+ Base64.getEncoder().encodeToString("a+client:wrong".getBytes(StandardCharsets.UTF_8));
		HttpResponse<String> rejected = this.client.token("basic", "grant_type=client_credentials", "Authorization",
				wrongSecret);
		assertThat(rejected.statusCode()).isEqualTo(401);
		assertThat(LoopbackClient.json(rejected)).containsEntry("error", "unauthorized_client");
	}

	@Test
	void answersInvalidClientForAnUnknownClientIdAndUnauthorizedClientForAWrongSecret() {
		HttpResponse<String> unknown = this.client.token("grant_type=client_credentials&client_id=nobody");
		assertThat(unknown.statusCode()).isEqualTo(401);
		assertThat(LoopbackClient.json(unknown)).containsEntry("error", "invalid_client")
			.containsEntry("error_description", "Invalid client or Invalid client credentials");
		HttpResponse<String> wrongSecret = this.client
			.token("grant_type=client_credentials&client_id=stand-in-client&client_secret=wrong");
		assertThat(wrongSecret.statusCode()).isEqualTo(401);
		assertThat(LoopbackClient.json(wrongSecret)).containsEntry("error", "unauthorized_client");
	}

	@Test
	void grantsOpenidWithoutAScopeAndRejectsScopesNotAllowed() {
		assertThat(LoopbackClient.json(this.client.token(LoopbackClient.CLIENT_CREDENTIALS))).containsEntry("scope",
				"openid email profile");
		assertThat(LoopbackClient.json(this.client.token(LoopbackClient.CLIENT_CREDENTIALS + "&scope=streams")))
			.containsEntry("scope", "streams email profile");
		HttpResponse<String> bogus = this.client.token(LoopbackClient.CLIENT_CREDENTIALS + "&scope="
				+ URLEncoder.encode("openid bogus", StandardCharsets.UTF_8));
		assertThat(bogus.statusCode()).isEqualTo(400);
		assertThat(LoopbackClient.json(bogus)).containsEntry("error", "invalid_scope")
			.containsEntry("error_description", "Invalid scopes: openid bogus");
	}

	@Test
	void allowedScopesReplaceTheDefaultOnes() {
		try (CortiStandIn standIn = CortiStandIn.start()) {
			LoopbackClient client = new LoopbackClient(standIn);
			standIn.allowedScopes("openid", "custom");
			assertThat(client.token(LoopbackClient.CLIENT_CREDENTIALS + "&scope=custom").statusCode()).isEqualTo(200);
			assertThat(client.token(LoopbackClient.CLIENT_CREDENTIALS + "&scope=streams").statusCode()).isEqualTo(400);
		}
	}

	@Test
	void rejectsOtherMethodsBodiesAndGrantTypesLikeKeycloak(CortiStandIn standIn) {
		assertThat(this.client.send(HttpRequest.newBuilder(URI.create(standIn.tokenUri())).GET()).statusCode())
			.isEqualTo(405);
		HttpResponse<String> notAForm = this.client.send(HttpRequest.newBuilder(URI.create(standIn.tokenUri()))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"grant_type\":\"client_credentials\"}")));
		assertThat(notAForm.statusCode()).isEqualTo(400);
		assertThat(LoopbackClient.json(notAForm)).containsEntry("error", "invalid_request");
		HttpResponse<String> password = this.client
			.token("grant_type=password&client_id=stand-in-client&client_secret=stand-in-secret");
		assertThat(password.statusCode()).isEqualTo(400);
		assertThat(LoopbackClient.json(password)).containsEntry("error", "unsupported_grant_type");
	}

	@Test
	void answers404ForRealmsItDoesNotServe(CortiStandIn standIn) {
		HttpResponse<String> nowhere = this.client.token("nowhere", LoopbackClient.CLIENT_CREDENTIALS);
		assertThat(nowhere.statusCode()).isEqualTo(404);
		assertThat(LoopbackClient.json(nowhere)).containsEntry("error", "Realm does not exist");
		for (String path : new String[] { "/realms/base/nested/protocol/openid-connect/token", "/realms/base/other",
				"/realms//protocol/openid-connect/token" }) {
			assertThat(this.client
				.send(HttpRequest.newBuilder(URI.create(standIn.origin() + path))
					.header("Content-Type", "application/x-www-form-urlencoded")
					.POST(HttpRequest.BodyPublishers.ofString(LoopbackClient.CLIENT_CREDENTIALS)))
				.statusCode()).as(path).isEqualTo(404);
		}
	}

	@Test
	void servesARenamedTenantWithTheCurrentCredentialsInPlaceOfTheOldOne() {
		try (CortiStandIn standIn = CortiStandIn.start()) {
			LoopbackClient client = new LoopbackClient(standIn);
			standIn.tenant("clinic");
			assertThat(standIn.tokenUri()).isEqualTo(standIn.origin() + "/realms/clinic/protocol/openid-connect/token");
			assertThat(client.token(LoopbackClient.CLIENT_CREDENTIALS).statusCode()).isEqualTo(200);
			assertThat(client.token(CortiStandIn.DEFAULT_TENANT, LoopbackClient.CLIENT_CREDENTIALS).statusCode())
				.isEqualTo(404);
		}
	}

	@Test
	void addedTenantsAcceptOnlyTheirOwnCredentials(CortiStandIn standIn) {
		standIn.addTenant("acme", "acme-client", "acme-secret");
		assertThat(this.client
			.token("acme", "grant_type=client_credentials&client_id=acme-client&client_secret=acme-secret")
			.statusCode()).isEqualTo(200);
		assertThat(this.client.token("acme", LoopbackClient.CLIENT_CREDENTIALS).statusCode()).isEqualTo(401);
		assertThat(this.client.token("grant_type=client_credentials&client_id=acme-client&client_secret=acme-secret")
			.statusCode()).isEqualTo(401);
	}

	@Test
	void tokensNameTheirTenantClientScopesAndLifetime(CortiStandIn standIn) {
		standIn.tokenLifetime(Duration.ofSeconds(42));
		Map<String, Object> answer = LoopbackClient
			.json(this.client.token(LoopbackClient.CLIENT_CREDENTIALS + "&scope=streams"));
		assertThat(answer).containsEntry("expires_in", 42)
			.containsEntry("token_type", "Bearer")
			.containsEntry("refresh_expires_in", 0)
			.containsEntry("not-before-policy", 0);
		Map<String, Object> claims = LoopbackClient.claims((String) answer.get("access_token"));
		assertThat(claims).containsEntry("iss", standIn.origin() + "/realms/base")
			.containsEntry("azp", "stand-in-client")
			.containsEntry("scope", "streams");
		assertThat(((Number) claims.get("exp")).longValue() - ((Number) claims.get("iat")).longValue()).isEqualTo(42);
		assertThat(LoopbackClient.claims((String) answer.get("id_token"))).containsEntry("scope", "openid");
		assertThat(standIn.issuedTokens()).last().isEqualTo(answer.get("access_token"));
	}

	@Test
	void scriptedAnswersComeBeforeEveryCheckEachOnceInOrder(CortiStandIn standIn) {
		standIn.failNextTokenRequest(400, "invalid_grant", "Scripted")
			.redirectNextTokenRequest(307, "http://elsewhere.example/token")
			.answerNextTokenRequest(200, "text/plain", "not a token")
			.failNextTokenRequests(2, 503, Map.of("Retry-After", "5"));
		HttpResponse<String> error = this.client.token("nowhere", "");
		assertThat(error.statusCode()).isEqualTo(400);
		assertThat(LoopbackClient.json(error)).containsEntry("error", "invalid_grant")
			.containsEntry("error_description", "Scripted");
		HttpResponse<String> redirected = this.client.token("nowhere", "");
		assertThat(redirected.statusCode()).isEqualTo(307);
		assertThat(redirected.headers().firstValue("Location")).hasValue("http://elsewhere.example/token");
		HttpResponse<String> text = this.client.token("nowhere", "");
		assertThat(text.body()).isEqualTo("not a token");
		assertThat(text.headers().firstValue("Content-Type")).hasValue("text/plain");
		for (int i = 0; i < 2; i++) {
			HttpResponse<String> failed = this.client.token("nowhere", "");
			assertThat(failed.statusCode()).isEqualTo(503);
			assertThat(failed.body()).isEmpty();
			assertThat(failed.headers().firstValue("Retry-After")).hasValue("5");
		}
		assertThat(this.client.token("nowhere", "").statusCode()).isEqualTo(404);
		assertThat(standIn.tokenRequestCount()).isEqualTo(6);
	}

	@Test
	void tokenDelayHoldsEveryAnswerScriptedOnesIncluded(CortiStandIn standIn) {
		standIn.tokenDelay(Duration.ofMillis(300)).failNextTokenRequests(1, 503);
		long start = System.nanoTime();
		assertThat(this.client.token(LoopbackClient.CLIENT_CREDENTIALS).statusCode()).isEqualTo(503);
		assertThat(this.client.token(LoopbackClient.CLIENT_CREDENTIALS).statusCode()).isEqualTo(200);
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(600));
	}

	@Test
	void resetForgetsScriptsAndRestoresDefaultsButKeepsTenantsCredentialsAndScopes() {
		try (CortiStandIn standIn = CortiStandIn.start()) {
			LoopbackClient client = new LoopbackClient(standIn);
			standIn.client("own-client", "own-secret")
				.addTenant("acme", "acme-client", "acme-secret")
				.allowedScopes("openid")
				.tokenLifetime(Duration.ofSeconds(5))
				.sendExpiresIn(false)
				.failNextTokenRequests(1, 503)
				.reset();
			HttpResponse<String> own = client
				.token("grant_type=client_credentials&client_id=own-client&client_secret=own-secret");
			assertThat(own.statusCode()).isEqualTo(200);
			assertThat(LoopbackClient.json(own)).containsEntry("expires_in", 300);
			assertThat(client
				.token("acme", "grant_type=client_credentials&client_id=acme-client&client_secret=acme-secret")
				.statusCode()).isEqualTo(200);
			assertThat(client
				.token("grant_type=client_credentials&client_id=own-client&client_secret=own-secret&scope=streams")
				.statusCode()).isEqualTo(400);
		}
	}

}
