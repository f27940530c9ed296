package ai.corti.spring.auth.autoconfigure;

import java.net.URI;

import org.springframework.boot.autoconfigure.service.connection.ConnectionDetails;

/**
 * Where and as whom the application talks to Corti: token endpoint, API base URL, tenant
 * and client credentials. The auto-configuration resolves and validates them once from
 * the {@code corti.*} properties; declare a bean of this type to supply them another way
 * (a test fixture, a secrets store), and the properties are not read for them.
 *
 * @since 0.1.0
 */
public interface CortiConnectionDetails extends ConnectionDetails {

	/**
	 * Tenant name (the Keycloak realm), sent as the {@code Tenant-Name} header.
	 * @return the tenant name
	 */
	String getTenantName();

	/**
	 * Base URL of the REST API, such as {@code https://api.eu.corti.app/v2}. Tokens are
	 * sent only to its origin.
	 * @return the base URL
	 */
	URI getBaseUrl();

	/**
	 * Base URL of the real-time WebSocket endpoints: the API's host with {@code wss} (or
	 * {@code ws} for a plain {@code http} base URL) and the path
	 * {@code /audio-bridge/v2}.
	 * @return the WebSocket base URL
	 */
	default URI getWebSocketBaseUrl() {
		URI baseUrl = getBaseUrl();
		String scheme = "https".equalsIgnoreCase(baseUrl.getScheme()) ? "wss" : "ws";
		return URI.create(scheme + "://" + baseUrl.getRawAuthority() + "/audio-bridge/v2");
	}

	/**
	 * Token endpoint of the client-credentials grant. Only asked for when the starter
	 * obtains tokens itself.
	 * @return the token endpoint
	 */
	URI getTokenUri();

	/**
	 * Client id of the Corti API client. Only asked for when the starter obtains tokens
	 * itself.
	 * @return the client id
	 */
	String getClientId();

	/**
	 * Client secret of the Corti API client. Only asked for when the starter obtains
	 * tokens itself; never logged.
	 * @return the client secret
	 */
	String getClientSecret();

}
