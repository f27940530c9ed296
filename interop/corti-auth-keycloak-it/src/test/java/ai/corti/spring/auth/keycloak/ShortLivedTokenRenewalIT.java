package ai.corti.spring.auth.keycloak;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Calls keep succeeding through several renewals of Keycloak tokens that live 10 s.
 */
@ExtendWith(KeycloakExtension.class)
class ShortLivedTokenRenewalIT {

	private static final Duration RUN_FOR = Duration.ofSeconds(25);

	/**
	 * Paces the calls like an application that calls now and then; each call itself is
	 * synchronous.
	 */
	private static final Duration PAUSE = Duration.ofMillis(200);

	@Test
	void callsThroughBothClientsSucceedAcrossRenewals(KeycloakServer keycloak) {
		try (LoopbackApi api = LoopbackApi.start()) {
			CortiApplication.with(keycloak, api, CortiRealm.SHORT_LIVED_CLIENT_ID, CortiRealm.SHORT_LIVED_CLIENT_SECRET)
				.run((context) -> {
					assertThat(context).hasNotFailed();
					List<String> failures = new ArrayList<>();
					int calls = 0;
					Instant end = Instant.now().plus(RUN_FOR);
					while (Instant.now().isBefore(end)) {
						for (CortiClient client : CortiClient.values()) {
							calls++;
							try {
								client.listInteractions(context);
							}
							catch (RuntimeException ex) {
								failures.add(client + ": " + ex);
							}
						}
						Thread.sleep(PAUSE.toMillis());
					}
					assertThat(failures).isEmpty();
					List<LoopbackApi.Call> seen = api.calls();
					assertThat(seen).hasSize(calls).allSatisfy((call) -> {
						assertThat(call.tenantName()).isEqualTo(CortiRealm.TENANT);
						Jwt token = Jwt.parse(call.bearerToken());
						assertThat(token.authorizedParty()).isEqualTo(CortiRealm.SHORT_LIVED_CLIENT_ID);
						assertThat(Duration.between(token.issuedAt(), token.expiresAt())).hasSeconds(10);
						// Tokens are handed out only in the first two thirds of their
						// life: never one about to expire.
						assertThat(Duration.between(call.receivedAt(), token.expiresAt()))
							.isGreaterThan(Duration.ofSeconds(1));
					});
					Set<String> tokens = seen.stream().map(LoopbackApi.Call::bearerToken).collect(Collectors.toSet());
					System.out.printf("%d calls in %d s carried %d distinct Keycloak tokens%n", calls,
							RUN_FOR.toSeconds(), tokens.size());
					// Renewed a third into each 10 s life: about eight tokens in 25 s,
					// and far fewer than calls.
					assertThat(tokens).hasSizeBetween(3, 12);
				});
		}
	}

}
