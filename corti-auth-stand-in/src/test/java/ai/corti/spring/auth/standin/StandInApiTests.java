package ai.corti.spring.auth.standin;

import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API over real loopback HTTP: which tokens and tenants it accepts, and the order of
 * scripted failures, scripted and canned answers.
 */
class StandInApiTests {

	@RegisterExtension
	static CortiStandInExtension corti = new CortiStandInExtension();

	private LoopbackClient client;

	@BeforeEach
	void client(CortiStandIn standIn) {
		this.client = new LoopbackClient(standIn);
	}

	@Test
	void rejectsRequestsWithoutAnAcceptedBearerTokenWithTheInvalidTokenChallenge(CortiStandIn standIn) {
		String token = this.client.accessToken();
		standIn.tokenLifetime(Duration.ZERO);
		String expired = this.client.accessToken();
		for (String[] headers : new String[][] { { "Tenant-Name", "base" },
				{ "Authorization", "Basic " + token, "Tenant-Name", "base" },
				{ "Authorization", "Bearer not-issued", "Tenant-Name", "base" },
				{ "Authorization", "Bearer " + expired, "Tenant-Name", "base" } }) {
			HttpResponse<String> rejected = this.client.get("/interactions/", headers);
			assertThat(rejected.statusCode()).isEqualTo(401);
			assertThat(rejected.body()).isEmpty();
			assertThat(rejected.headers().firstValue("WWW-Authenticate")).hasValue("Bearer error=\"invalid_token\"");
		}
		assertThat(this.client.authorized("GET", "/interactions/", "", token).statusCode()).isEqualTo(200);
	}

	@Test
	void acceptsATokenOnlyWithTheTenantItWasIssuedFor(CortiStandIn standIn) {
		standIn.addTenant("acme", "acme-client", "acme-secret");
		String acme = LoopbackClient.accessToken(this.client.token("acme",
				"grant_type=client_credentials&client_id=acme-client&client_secret=acme-secret"));
		HttpResponse<String> missing = this.client.get("/interactions/", "Authorization", "Bearer " + acme);
		assertThat(missing.statusCode()).isEqualTo(403);
		assertThat(LoopbackClient.json(missing)).containsEntry("detail", "missing or wrong Tenant-Name header");
		assertThat(this.client.get("/interactions/", "Authorization", "Bearer " + acme, "Tenant-Name", "base")
			.statusCode()).isEqualTo(403);
		assertThat(this.client.get("/interactions/", "authorization", "Bearer " + acme, "tenant-name", "acme")
			.statusCode()).isEqualTo(200);
	}

	@Test
	void revokedTokensAreRejectedAndRejectingEveryTokenCoversLaterOnesUntilReset(CortiStandIn standIn) {
		String first = this.client.accessToken();
		String second = this.client.accessToken();
		standIn.revoke(first);
		assertThat(this.client.authorized("GET", "/interactions/", "", first).statusCode()).isEqualTo(401);
		assertThat(this.client.authorized("GET", "/interactions/", "", second).statusCode()).isEqualTo(200);
		standIn.revokeAllTokens();
		assertThat(this.client.authorized("GET", "/interactions/", "", second).statusCode()).isEqualTo(401);
		assertThat(standIn.validTokens()).isEmpty();
		String third = this.client.accessToken();
		assertThat(this.client.authorized("GET", "/interactions/", "", third).statusCode()).isEqualTo(200);
		standIn.rejectEveryToken(true);
		String fourth = this.client.accessToken();
		assertThat(this.client.authorized("GET", "/interactions/", "", fourth).statusCode()).isEqualTo(401);
		standIn.reset();
		assertThat(this.client.authorized("GET", "/interactions/", "", fourth).statusCode()).isEqualTo(200);
		assertThat(standIn.issuedTokens()).contains(first, second, third, fourth);
		assertThat(standIn.validTokens()).contains(third, fourth).doesNotContain(first, second);
	}

	@Test
	void answersFailuresThenChecksThenTheNextAnswerThenCannedAnswersThenInteractions(CortiStandIn standIn) {
		String token = this.client.accessToken();
		standIn.respond("GET", "/v2/things/", 200, "{\"canned\":true}")
			.respondToNextApiRequest(202, "{\"next\":true}")
			.failNextApiRequests(1, 503, null);
		assertThat(this.client.get("/things/").statusCode()).isEqualTo(503);
		assertThat(this.client.get("/things/").statusCode()).isEqualTo(401);
		HttpResponse<String> next = this.client.authorized("POST", "/anything", "{}", token);
		assertThat(next.statusCode()).isEqualTo(202);
		assertThat(next.body()).isEqualTo("{\"next\":true}");
		assertThat(next.headers().firstValue("Content-Type")).hasValue("application/json");
		HttpResponse<String> canned = this.client.authorized("GET", "/things/?pageSize=1", "", token);
		assertThat(canned.statusCode()).isEqualTo(200);
		assertThat(canned.body()).isEqualTo("{\"canned\":true}");
		assertThat(this.client.authorized("GET", "/things/", "", token).body()).isEqualTo("{\"canned\":true}");
		assertThat(this.client.authorized("POST", "/things/", "{}", token).statusCode()).isEqualTo(404);
	}

	@Test
	void aRedirectAndACannedAnswerForTheSameRouteReplaceEachOther(CortiStandIn standIn) {
		String token = this.client.accessToken();
		standIn.respond("GET", "/v2/moved/", 200, "{}").redirect("GET", "/v2/moved/", 308, "http://elsewhere.example/");
		HttpResponse<String> moved = this.client.authorized("GET", "/moved/", "", token);
		assertThat(moved.statusCode()).isEqualTo(308);
		assertThat(moved.headers().firstValue("Location")).hasValue("http://elsewhere.example/");
		assertThat(moved.body()).isEmpty();
		standIn.respond("GET", "/v2/moved/", 200, "{}");
		assertThat(this.client.authorized("GET", "/moved/", "", token).statusCode()).isEqualTo(200);
	}

	@Test
	void queuedFailuresComeBeforeALastingOneAndClearingEndsBoth(CortiStandIn standIn) {
		standIn.failApiRequests(429, Duration.ofSeconds(2)).failNextApiRequests(1, 503, null);
		HttpResponse<String> queued = this.client.get("/interactions/");
		assertThat(queued.statusCode()).isEqualTo(503);
		assertThat(LoopbackClient.json(queued)).containsEntry("title", "scripted failure").containsEntry("status", 503);
		assertThat(queued.headers().firstValue("Retry-After")).isEmpty();
		for (int i = 0; i < 2; i++) {
			HttpResponse<String> lasting = this.client.get("/interactions/");
			assertThat(lasting.statusCode()).isEqualTo(429);
			assertThat(lasting.headers().firstValue("Retry-After")).hasValue("2");
		}
		standIn.failApiRequests(502, null);
		assertThat(this.client.get("/interactions/").statusCode()).isEqualTo(502);
		standIn.clearApiFailures();
		assertThat(this.client.get("/interactions/").statusCode()).isEqualTo(401);
	}

	@Test
	void resetForgetsFailuresAndScriptedAndCannedAnswers(CortiStandIn standIn) {
		String token = this.client.accessToken();
		standIn.failNextApiRequests(1, 503, null)
			.failApiRequests(503, null)
			.respondToNextApiRequest(418, "{}")
			.respond("GET", "/v2/interactions/", 500, "{}")
			.reset();
		HttpResponse<String> answer = this.client.authorized("GET", "/interactions/", "", token);
		assertThat(answer.statusCode()).isEqualTo(200);
		assertThat(answer.body()).isEqualTo("{\"interactions\":[]}");
	}

}
