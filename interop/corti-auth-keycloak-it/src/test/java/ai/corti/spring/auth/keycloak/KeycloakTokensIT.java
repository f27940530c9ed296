package ai.corti.spring.auth.keycloak;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.boot.json.JsonParserFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tokens that a real Keycloak issues to a Corti-shaped client reach the API through both
 * clients.
 */
@ExtendWith(KeycloakExtension.class)
class KeycloakTokensIT {

	@Test
	void realmPublishesItsTokenEndpointAtThePathCortiUses(KeycloakServer keycloak) throws Exception {
		HttpResponse<String> discovery = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(keycloak.issuer() + "/.well-known/openid-configuration")).build(),
					HttpResponse.BodyHandlers.ofString());
		assertThat(JsonParserFactory.getJsonParser().parseMap(discovery.body())).containsEntry("token_endpoint",
				keycloak.tokenUri());
	}

	@ParameterizedTest
	@EnumSource(CortiClient.class)
	void keycloakTokenReachesTheApiAsBearerWithTenantName(CortiClient client, KeycloakServer keycloak) {
		try (LoopbackApi api = LoopbackApi.start()) {
			CortiApplication.with(keycloak, api, CortiRealm.CLIENT_ID, CortiRealm.CLIENT_SECRET).run((context) -> {
				assertThat(client.listInteractions(context)).isEqualTo(200);
				assertThat(api.calls()).singleElement().satisfies((call) -> {
					assertThat(call.path()).isEqualTo("/v2/interactions/");
					assertThat(call.tenantName()).isEqualTo(CortiRealm.TENANT);
					assertThat(call.authorization()).matches("Bearer [\\w-]+\\.[\\w-]+\\.[\\w-]+");
					Jwt token = Jwt.parse(call.bearerToken());
					assertThat(token.issuer()).isEqualTo(keycloak.issuer());
					assertThat(token.authorizedParty()).isEqualTo(CortiRealm.CLIENT_ID);
					assertThat(token.scope().split(" ")).contains("openid");
					assertThat(Duration.between(token.issuedAt(), token.expiresAt())).hasSeconds(300);
				});
			});
		}
	}

	@Test
	void bothClientsSendTheSameToken(KeycloakServer keycloak) {
		try (LoopbackApi api = LoopbackApi.start()) {
			CortiApplication.with(keycloak, api, CortiRealm.CLIENT_ID, CortiRealm.CLIENT_SECRET).run((context) -> {
				for (CortiClient client : CortiClient.values()) {
					assertThat(client.listInteractions(context)).isEqualTo(200);
				}
				assertThat(api.calls()).hasSize(2)
					.extracting(LoopbackApi.Call::bearerToken)
					.doesNotContainNull()
					.containsOnly(api.calls().get(0).bearerToken());
			});
		}
	}

	@Test
	void extraScopesAreGrantedBesideOpenid(KeycloakServer keycloak) {
		// 'phone' is one of Keycloak's built-in optional scopes; a realm cannot add its
		// own without replacing them all.
		try (LoopbackApi api = LoopbackApi.start()) {
			CortiApplication.with(keycloak, api, CortiRealm.CLIENT_ID, CortiRealm.CLIENT_SECRET)
				.withPropertyValues("corti.scopes=phone")
				.run((context) -> {
					assertThat(CortiClient.REST_CLIENT.listInteractions(context)).isEqualTo(200);
					assertThat(Jwt.parse(api.calls().get(0).bearerToken()).scope().split(" ")).contains("openid",
							"phone");
				});
		}
	}

}
