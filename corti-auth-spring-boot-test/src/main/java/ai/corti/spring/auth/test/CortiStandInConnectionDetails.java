package ai.corti.spring.auth.test;

import java.net.URI;

import ai.corti.spring.auth.autoconfigure.CortiConnectionDetails;
import ai.corti.spring.auth.standin.CortiStandIn;

/**
 * {@link CortiConnectionDetails} of a {@link CortiStandIn}: its token endpoint and API,
 * and the tenant and credentials it accepts. {@link AutoConfigureCortiStandIn}
 * contributes one for a test context; declare one as a bean to run an application against
 * a stand-in you start yourself (a local mode, say). Each value is read when asked for,
 * so a stand-in whose tenant is switched before the first call is followed.
 *
 * @since 0.1.0
 */
public final class CortiStandInConnectionDetails implements CortiConnectionDetails {

	private final CortiStandIn standIn;

	/**
	 * Creates the connection details of a stand-in.
	 * @param standIn the stand-in
	 */
	public CortiStandInConnectionDetails(CortiStandIn standIn) {
		this.standIn = standIn;
	}

	@Override
	public String getTenantName() {
		return this.standIn.tenant();
	}

	@Override
	public URI getBaseUrl() {
		return URI.create(this.standIn.baseUrl());
	}

	@Override
	public URI getTokenUri() {
		return URI.create(this.standIn.tokenUri());
	}

	@Override
	public String getClientId() {
		return this.standIn.clientId();
	}

	@Override
	public String getClientSecret() {
		return this.standIn.clientSecret();
	}

	@Override
	public String toString() {
		return "CortiStandInConnectionDetails[tenant=" + getTenantName() + ", baseUrl=" + getBaseUrl() + "]";
	}

}
