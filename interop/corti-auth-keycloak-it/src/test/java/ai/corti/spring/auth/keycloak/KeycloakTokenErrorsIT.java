package ai.corti.spring.auth.keycloak;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicReference;

import ai.corti.spring.auth.CortiTokenException;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What Keycloak answers to bad credentials and scopes, as our
 * {@link CortiTokenException}. Keycloak 26.7.3 answers {@code 401 unauthorized_client} to
 * a wrong secret, {@code 401 invalid_client} to an unknown client and
 * {@code 400 invalid_scope} to an unknown scope, each with an {@code error_description}.
 */
@ExtendWith(KeycloakExtension.class)
class KeycloakTokenErrorsIT {

	private static final String WRONG_SECRET = "wrong-secret-0b7d4e19a6c3";

	@ParameterizedTest
	@EnumSource(CortiClient.class)
	void wrongSecretIsUnauthorizedClient(CortiClient client, KeycloakServer keycloak) {
		CortiTokenException failure = tokenFailure(client, keycloak, CortiRealm.CLIENT_ID, WRONG_SECRET);
		assertThat(failure.getStatus()).isEqualTo(401);
		assertThat(failure.getErrorCode()).isEqualTo("unauthorized_client");
		assertThat(failure.getErrorDescription()).isEqualTo("Invalid client or Invalid client credentials");
		assertThat(failure.isRetryable()).isFalse();
		assertRevealsNoSecret(failure, WRONG_SECRET);
	}

	@ParameterizedTest
	@EnumSource(CortiClient.class)
	void unknownClientIsInvalidClient(CortiClient client, KeycloakServer keycloak) {
		CortiTokenException failure = tokenFailure(client, keycloak, "no-such-client", CortiRealm.CLIENT_SECRET);
		assertThat(failure.getStatus()).isEqualTo(401);
		assertThat(failure.getErrorCode()).isEqualTo("invalid_client");
		assertThat(failure.getErrorDescription()).isEqualTo("Invalid client or Invalid client credentials");
		assertThat(failure.isRetryable()).isFalse();
		assertRevealsNoSecret(failure, CortiRealm.CLIENT_SECRET);
	}

	@ParameterizedTest
	@EnumSource(CortiClient.class)
	void unknownScopeIsInvalidScope(CortiClient client, KeycloakServer keycloak) {
		CortiTokenException failure = tokenFailure(client, keycloak, CortiRealm.CLIENT_ID, CortiRealm.CLIENT_SECRET,
				"corti.scopes=bogus");
		assertThat(failure.getStatus()).isEqualTo(400);
		assertThat(failure.getErrorCode()).isEqualTo("invalid_scope");
		assertThat(failure.getErrorDescription()).isEqualTo("Invalid scopes: openid bogus");
		assertThat(failure.isRetryable()).isFalse();
		assertThat(failure.getMessage()).contains("check corti.scopes");
		assertRevealsNoSecret(failure, CortiRealm.CLIENT_SECRET);
	}

	/**
	 * Makes one API call in a fresh application, so the token service asks Keycloak
	 * rather than a cached failure.
	 */
	private static CortiTokenException tokenFailure(CortiClient client, KeycloakServer keycloak, String clientId,
			String clientSecret, String... properties) {
		AtomicReference<CortiTokenException> failure = new AtomicReference<>();
		try (LoopbackApi api = LoopbackApi.start()) {
			CortiApplication.with(keycloak, api, clientId, clientSecret)
				.withPropertyValues(properties)
				.run((context) -> {
					failure.set(assertThatExceptionOfType(CortiTokenException.class)
						.isThrownBy(() -> client.listInteractions(context))
						.actual());
					assertThat(api.calls()).isEmpty();
				});
		}
		CortiTokenException exception = failure.get();
		assertThat(exception.getRegistrationId()).isEqualTo("corti");
		assertThat(exception.getTokenUri()).hasToString(keycloak.tokenUri());
		return exception;
	}

	/**
	 * The printed stack trace holds every message, toString, cause and suppressed
	 * exception that a log would show.
	 */
	private static void assertRevealsNoSecret(Throwable failure, String secret) {
		StringWriter trace = new StringWriter();
		failure.printStackTrace(new PrintWriter(trace));
		assertThat(trace.toString()).contains(CortiTokenException.class.getName()).doesNotContain(secret);
	}

}
