package ai.corti.spring.auth.autoconfigure;

import java.net.URI;
import java.util.List;

import ai.corti.spring.auth.CortiConfigurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link CortiClientRegistrationMapper}: {@code corti.*} properties to a
 * client-credentials {@link ClientRegistration} without the secret.
 */
class CortiClientRegistrationMapperTests {

	private static final String SECRET = "mapper-secret-97531";

	private final CortiProperties properties = new CortiProperties();

	CortiClientRegistrationMapperTests() {
		this.properties.setEnvironment("eu");
		this.properties.setTenantName("base");
		this.properties.setClientId("my-client");
		this.properties.setClientSecret(SECRET);
	}

	private ClientRegistration map() {
		return CortiClientRegistrationMapper.map(this.properties,
				new PropertiesCortiConnectionDetails(this.properties));
	}

	/**
	 * The failure of mapping, which checking (what startup does, without making the
	 * registration) must report the same way.
	 * @return the failure
	 */
	private CortiConfigurationException mappingFailure() {
		CortiConfigurationException checked = assertThatExceptionOfType(CortiConfigurationException.class)
			.isThrownBy(() -> CortiClientRegistrationMapper.check(this.properties,
					new PropertiesCortiConnectionDetails(this.properties)))
			.actual();
		CortiConfigurationException mapped = assertThatExceptionOfType(CortiConfigurationException.class)
			.isThrownBy(this::map)
			.actual();
		assertThat(checked.getMessage()).isEqualTo(mapped.getMessage());
		return mapped;
	}

	@Test
	void registrationIsCortisClientCredentialsGrant() {
		ClientRegistration registration = map();
		assertThat(registration.getRegistrationId()).isEqualTo("corti")
			.isEqualTo(CortiClientRegistrationMapper.REGISTRATION_ID);
		assertThat(registration.getClientId()).isEqualTo("my-client");
		assertThat(registration.getClientName()).isEqualTo("Corti");
		assertThat(registration.getAuthorizationGrantType()).isEqualTo(AuthorizationGrantType.CLIENT_CREDENTIALS);
		assertThat(registration.getProviderDetails().getTokenUri())
			.isEqualTo("https://auth.eu.corti.app/realms/base/protocol/openid-connect/token");
	}

	@Test
	void namedClientGetsItsOwnRegistrationId() {
		ClientRegistration registration = CortiClientRegistrationMapper.map(this.properties,
				new PropertiesCortiConnectionDetails(this.properties), "corti-us");
		assertThat(registration.getRegistrationId()).isEqualTo("corti-us");
		assertThat(registration.getClientId()).isEqualTo("my-client");
	}

	@Test
	void tokenUriComesFromTheConnectionDetails() {
		this.properties.setTokenUri("https://login.example.com/realms/base/token");
		assertThat(map().getProviderDetails().getTokenUri()).isEqualTo("https://login.example.com/realms/base/token");
	}

	@Test
	void clientIdIsTrimmed() {
		this.properties.setClientId("  my-client\n");
		assertThat(map().getClientId()).isEqualTo("my-client");
	}

	@Test
	void clientSecretPostIsTheDefault() {
		assertThat(map().getClientAuthenticationMethod()).isEqualTo(ClientAuthenticationMethod.CLIENT_SECRET_POST);
	}

	@Test
	void clientSecretBasicCanBeChosen() {
		this.properties.getToken().setClientAuthenticationMethod("client_secret_basic");
		assertThat(map().getClientAuthenticationMethod()).isEqualTo(ClientAuthenticationMethod.CLIENT_SECRET_BASIC);
	}

	@ParameterizedTest
	@ValueSource(strings = { "private_key_jwt", "client_secret_jwt", "none", "CLIENT_SECRET_POST",
			"client-secret-basic", "" })
	void otherClientAuthenticationMethodsAreRejected(String method) {
		this.properties.getToken().setClientAuthenticationMethod(method);
		CortiConfigurationException ex = mappingFailure();
		assertThat(ex.getProperty()).isEqualTo("corti.token.client-authentication-method");
		assertThat(ex.getProblem()).isEqualTo("is '" + method + "', which is not supported");
		assertThat(ex.getAction()).isEqualTo("Use client_secret_post (Corti's default) or client_secret_basic.");
	}

	@Test
	void openidIsTheOnlyScopeByDefault() {
		assertThat(map().getScopes()).containsExactly("openid");
	}

	@Test
	void extraScopesFollowOpenidInTheirOrder() {
		this.properties.setScopes(List.of("transcribe", "streams", "a:b/c"));
		assertThat(map().getScopes()).containsExactly("openid", "transcribe", "streams", "a:b/c");
	}

	@Test
	void openidAndRepeatedScopesAreRequestedOnce() {
		this.properties.setScopes(List.of("streams", "openid", "streams", " streams "));
		assertThat(map().getScopes()).containsExactly("openid", "streams");
	}

	@Test
	void blankScopesAreSkippedAndOthersTrimmed() {
		this.properties.setScopes(List.of("", "  ", " streams\t"));
		assertThat(map().getScopes()).containsExactly("openid", "streams");
	}

	@ParameterizedTest
	@ValueSource(strings = { "streams transcribe", "say\"hi", "back\\slash", "café" })
	void scopesThatAreNotOAuthScopeTokensAreRejected(String scope) {
		this.properties.setScopes(List.of("streams", scope));
		CortiConfigurationException ex = mappingFailure();
		assertThat(ex.getProperty()).isEqualTo("corti.scopes");
		assertThat(ex.getProblem()).startsWith("contains '" + scope + "', which is not a valid OAuth 2.0 scope");
		assertThat(ex.getAction()).contains("corti.scopes=streams,transcribe");
	}

	@Test
	void registrationCarriesNoSecret() {
		ClientRegistration registration = map();
		assertThat(registration.getClientSecret()).isEmpty();
		assertThat(registration.toString()).contains("my-client").doesNotContain(SECRET);
	}

	@Test
	void aSecretIsRequiredAlthoughTheRegistrationDoesNotCarryIt() {
		this.properties.setClientSecret(" ");
		CortiConfigurationException ex = mappingFailure();
		assertThat(ex.getProperty()).isEqualTo("corti.client-secret");
		assertThat(ex.getProblem()).isEqualTo("is not set");
	}

	@Test
	void aClientIdIsRequired() {
		this.properties.setClientId(null);
		CortiConfigurationException ex = mappingFailure();
		assertThat(ex.getProperty()).isEqualTo("corti.client-id");
		assertThat(ex.getMessage()).doesNotContain(SECRET);
	}

	@Test
	void anUnsupportedMethodIsReportedWithoutTheSecret() {
		this.properties.getToken().setClientAuthenticationMethod("private_key_jwt");
		assertThat(mappingFailure().getMessage()).doesNotContain(SECRET);
	}

	@Test
	void checkingPassesWhatMappingAccepts() {
		this.properties.setScopes(List.of("streams"));
		this.properties.getToken().setClientAuthenticationMethod("client_secret_basic");
		CortiClientRegistrationMapper.check(this.properties, new PropertiesCortiConnectionDetails(this.properties));
		assertThat(map().getScopes()).containsExactly("openid", "streams");
	}

	@Test
	void connectionDetailsOfTheApplicationsOwnWithoutAClientIdAreNamed() {
		CortiConnectionDetails fromProperties = new PropertiesCortiConnectionDetails(this.properties);
		CortiConnectionDetails details = new CortiConnectionDetails() {

			@Override
			public String getTenantName() {
				return fromProperties.getTenantName();
			}

			@Override
			public URI getBaseUrl() {
				return fromProperties.getBaseUrl();
			}

			@Override
			public URI getTokenUri() {
				return fromProperties.getTokenUri();
			}

			@Override
			public String getClientId() {
				return " ";
			}

			@Override
			public String getClientSecret() {
				return fromProperties.getClientSecret();
			}

		};
		assertThatExceptionOfType(IllegalStateException.class)
			.isThrownBy(() -> CortiClientRegistrationMapper.check(this.properties, details))
			.withMessageContaining(
					"CortiConnectionDetails bean (" + details.getClass().getName() + ") has no client id")
			.withMessageNotContaining(SECRET);
	}

}
