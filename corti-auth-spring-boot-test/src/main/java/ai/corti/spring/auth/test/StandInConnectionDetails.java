package ai.corti.spring.auth.test;

import java.net.URI;

import ai.corti.spring.auth.autoconfigure.CortiConnectionDetails;
import ai.corti.spring.auth.standin.CortiStandIn;

/**
 * {@link CortiConnectionDetails} of a {@link CortiStandIn}: its token endpoint and API,
 * the tenant and credentials it accepts. Read each time, so that a test that switches the
 * stand-in's tenant before the first call is followed.
 */
final class StandInConnectionDetails implements CortiConnectionDetails {

	private final CortiStandIn standIn;

	StandInConnectionDetails(CortiStandIn standIn) {
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
		return "StandInConnectionDetails[tenant=" + getTenantName() + ", baseUrl=" + getBaseUrl() + "]";
	}

}
