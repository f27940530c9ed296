package ai.corti.sample;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import ai.corti.spring.auth.CortiTokenService;
import ai.corti.spring.auth.CortiTokenStatus;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Calls Corti through both clients and reports what happened. Against a
 * {@link LocalCorti} it keeps calling across several token lifetimes and revokes the
 * token twice, once under each client, to show renewal and 401 healing.
 */
@Component
@Order(1)
class CortiTour implements ApplicationRunner {

	private final RestClient restClient;

	private final WebClient webClient;

	private final CortiTokenService tokens;

	private final @Nullable LocalCorti local;

	private final Set<Integer> distinctTokens = new LinkedHashSet<>();

	private int previousToken;

	private final long pauseMillis;

	private final CortiInteractions interactions;

	CortiTour(@Qualifier("cortiRestClient") RestClient restClient, @Qualifier("cortiWebClient") WebClient webClient,
			CortiInteractions interactions, CortiTokenService tokens, ObjectProvider<LocalCorti> local,
			@Value("${sample.pause:1s}") Duration pause) {
		this.interactions = interactions;
		this.restClient = restClient;
		this.webClient = webClient;
		this.tokens = tokens;
		this.local = local.getIfAvailable();
		this.pauseMillis = pause.toMillis();
	}

	@Override
	public void run(ApplicationArguments args) throws InterruptedException {
		LocalCorti local = this.local;
		if (local == null) {
			int failures = 0;
			String[] clients = { "RestClient", "WebClient", "HTTP interface" };
			for (int i = 0; i < clients.length; i++) {
				failures += call(i + 1, clients[i]) ? 0 : 1;
			}
			summary(clients.length, failures);
			if (failures > 0) {
				throw new IllegalStateException(failures + " call(s) to Corti failed");
			}
			return;
		}
		int failures = 0;
		int calls = 15;
		for (int i = 1; i < calls; i++) {
			if (i == 8 || i == 13) {
				// The next API request is answered 401 whatever its token, as if an admin
				// had just revoked it: call 8 goes through the WebClient, call 13 through
				// the RestClient. (A 401 drops at most one token per
				// corti.token.failure-backoff, which the stand-in profile shortens for
				// this. Revoking every issued token instead could also catch a
				// renewal that is under way: a token issued just before the revocation
				// would then be rejected on the resend too, and that call would fail.)
				System.out.println("        -- the stand-in now rejects the token of the next call (as if revoked) --");
				local.rejectNextApiRequest();
			}
			if (!call(i, (i % 2 == 1) ? "RestClient" : "WebClient")) {
				failures++;
			}
			Thread.sleep(this.pauseMillis);
		}
		if (!call(calls, "HTTP interface")) {
			failures++;
		}
		summary(calls, failures);
		if (failures > 0) {
			throw new IllegalStateException(failures + " call(s) failed");
		}
	}

	private boolean call(int number, String client) {
		long fetchesBefore = this.tokens.status().tokensObtained();
		LocalCorti local = this.local;
		int apiRequestsBefore = (local != null) ? local.apiRequestCount() : 0;
		try {
			Map<?, ?> answer = switch (client) {
				case "RestClient" -> this.restClient.get().uri("/interactions/?pageSize=1").retrieve().body(Map.class);
				case "WebClient" ->
					this.webClient.get().uri("/interactions/?pageSize=1").retrieve().bodyToMono(Map.class).block();
				default -> this.interactions.list(1);
			};
			int token = this.tokens.getAccessToken().hashCode();
			String note = "";
			if (local != null && local.apiRequestCount() - apiRequestsBefore > 1) {
				note = "  <- API said 401: token dropped, a new one fetched, call retried once";
			}
			else if (fetchesBefore == 0 && this.tokens.status().tokensObtained() > 0) {
				note = "  <- waited for a token (first call)";
			}
			else if (this.previousToken != 0 && token != this.previousToken) {
				note = "  <- token was renewed in the background; this call did not wait";
			}
			this.previousToken = token;
			this.distinctTokens.add(token);
			System.out.printf("call %2d via %-14s -> GET /interactions/?pageSize=1: OK %s%s%n", number, client,
					(answer != null) ? answer.keySet() : "{}", note);
			return true;
		}
		catch (RuntimeException ex) {
			System.out.printf("call %2d via %-14s -> FAILED: %s%n", number, client, ex.getMessage());
			return false;
		}
	}

	private void summary(int calls, int failures) {
		CortiTokenStatus status = this.tokens.status();
		System.out.println();
		System.out.println("Summary: " + calls + " calls, " + failures + " failed; " + status.tokensObtained()
				+ " token(s) fetched, " + this.distinctTokens.size() + " distinct token(s) used by calls; "
				+ ((status.expiresAt() != null) ? "current token expires at " + status.expiresAt() : "no token held")
				+ ".");
		LocalCorti local = this.local;
		if (local != null) {
			long renewals = Math.max(0, local.tokenRequestCount() - 1);
			System.out.println("Stand-in saw " + local.tokenRequestCount() + " token request(s) (" + renewals
					+ " renewal(s) after the first) and " + local.apiRequestCount() + " API request(s); every "
					+ "API request carried 'Authorization: Bearer ...' and 'Tenant-Name: " + local.tenant() + "'.");
		}
	}

}
