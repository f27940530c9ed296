package ai.corti.spring.auth.autoconfigure;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Pattern;

import ai.corti.spring.auth.CortiConfigurationException;

import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.util.StringUtils;

/**
 * Maps {@code corti.*} properties to the {@code corti} {@link ClientRegistration}: client
 * credentials, {@code openid} plus {@code corti.scopes}. The registration carries no
 * secret, so its {@code toString()} cannot leak it; the token service receives the secret
 * separately.
 */
final class CortiClientRegistrationMapper {

	static final String REGISTRATION_ID = "corti";

	private static final Pattern SCOPE = Pattern.compile("[\\x21\\x23-\\x5B\\x5D-\\x7E]+");

	private CortiClientRegistrationMapper() {
	}

	/**
	 * The registration; carries no secret (see {@code CortiTokenServiceFactory}), but
	 * requires one to exist.
	 * @param properties the {@code corti.*} properties
	 * @param connectionDetails the connection details, with the client id and token URI
	 * @return the registration with id {@code corti}
	 */
	static ClientRegistration map(CortiProperties properties, CortiConnectionDetails connectionDetails) {
		return map(properties, connectionDetails, REGISTRATION_ID);
	}

	/**
	 * The registration of a client with this registration id ({@code corti-<name>} for a
	 * named client).
	 * @param properties the properties of the client
	 * @param connectionDetails the connection details, with the client id and token URI
	 * @param registrationId the registration id
	 * @return the registration
	 */
	static ClientRegistration map(CortiProperties properties, CortiConnectionDetails connectionDetails,
			String registrationId) {
		check(properties, connectionDetails);
		return ClientRegistration.withRegistrationId(registrationId)
			.clientId(connectionDetails.getClientId())
			.clientAuthenticationMethod(new ClientAuthenticationMethod(clientAuthenticationMethod(properties)))
			.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
			.scope(scopes(properties))
			.tokenUri(connectionDetails.getTokenUri().toString())
			.clientName("Corti")
			.build();
	}

	/**
	 * Checks everything the registration is made from, without making it: startup checks
	 * the identity this way, and the registration itself is made on first use.
	 * @param properties the properties of the client
	 * @param connectionDetails the connection details, with the client id, secret and
	 * token URI
	 * @throws CortiConfigurationException naming the property that is missing or wrong
	 * @throws IllegalStateException when connection details of the application's own have
	 * no client id
	 */
	static void check(CortiProperties properties, CortiConnectionDetails connectionDetails) {
		if (!StringUtils.hasText(connectionDetails.getClientId())) {
			throw new IllegalStateException("The CortiConnectionDetails bean (" + connectionDetails.getClass().getName()
					+ ") has no client id; it must return the Corti API client's id from getClientId()");
		}
		connectionDetails.getClientSecret();
		connectionDetails.getTokenUri();
		clientAuthenticationMethod(properties);
		scopes(properties);
	}

	private static String clientAuthenticationMethod(CortiProperties properties) {
		String method = properties.getToken().getClientAuthenticationMethod();
		if ("client_secret_post".equals(method) || "client_secret_basic".equals(method)) {
			return method;
		}
		throw new CortiConfigurationException("corti.token.client-authentication-method",
				"is '" + method + "', which is not supported",
				"Use client_secret_post (Corti's default) or client_secret_basic.");
	}

	private static Set<String> scopes(CortiProperties properties) {
		Set<String> scopes = new LinkedHashSet<>();
		scopes.add("openid");
		for (String scope : properties.getScopes()) {
			if (!StringUtils.hasText(scope)) {
				continue;
			}
			String trimmed = scope.trim();
			if (!SCOPE.matcher(trimmed).matches()) {
				throw new CortiConfigurationException("corti.scopes",
						"contains '" + trimmed
								+ "', which is not a valid OAuth 2.0 scope (no spaces, quotes or backslashes)",
						"List each scope as its own entry, for example corti.scopes=streams,transcribe.");
			}
			scopes.add(trimmed);
		}
		return scopes;
	}

}
