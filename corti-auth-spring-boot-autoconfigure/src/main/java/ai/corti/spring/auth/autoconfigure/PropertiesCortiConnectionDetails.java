package ai.corti.spring.auth.autoconfigure;

import java.net.URI;

/**
 * {@link CortiConnectionDetails} from the {@code corti.*} properties: endpoints and
 * tenant resolved and validated when created, credentials checked when first asked for
 * (an application with its own token provider needs none).
 */
final class PropertiesCortiConnectionDetails implements CortiConnectionDetails {

	private final CortiProperties properties;

	private final CortiEndpoints endpoints;

	PropertiesCortiConnectionDetails(CortiProperties properties) {
		this.properties = properties;
		this.endpoints = CortiEndpoints.of(properties);
	}

	@Override
	public String getTenantName() {
		return this.endpoints.tenantName();
	}

	@Override
	public URI getBaseUrl() {
		return this.endpoints.baseUrl();
	}

	@Override
	public URI getTokenUri() {
		return this.endpoints.tokenUri();
	}

	@Override
	public String getClientId() {
		return CortiPropertyChecks.requireText(this.properties.getClientId(), "corti.client-id",
				"Set corti.client-id to the client id of your Corti API client (Corti Console > API clients).");
	}

	@Override
	public String getClientSecret() {
		return CortiPropertyChecks.requireText(this.properties.getClientSecret(), "corti.client-secret",
				"Set corti.client-secret to the secret of your Corti API client, for example from an environment "
						+ "variable: corti.client-secret=${CORTI_CLIENT_SECRET}.");
	}

	@Override
	public String toString() {
		return "PropertiesCortiConnectionDetails[tenant=" + getTenantName() + ", baseUrl=" + getBaseUrl() + "]";
	}

}
