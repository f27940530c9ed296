package ai.corti.sample;

import java.util.List;

import ai.corti.spring.auth.standin.CortiStandIn;
import ai.corti.spring.auth.standin.RecordedRequest;
import org.jspecify.annotations.Nullable;

/**
 * The stand-in as the tours see it.
 */
final class StandInLocalCorti implements LocalCorti {

	private final CortiStandIn standIn;

	StandInLocalCorti(CortiStandIn standIn) {
		this.standIn = standIn;
	}

	@Override
	public void rejectNextApiRequest() {
		this.standIn.respondToNextApiRequest(401,
				"{\"error\":\"invalid_token\",\"error_description\":\"Token revoked\"}");
	}

	@Override
	public int tokenRequestCount() {
		return this.standIn.tokenRequestCount();
	}

	@Override
	public int apiRequestCount() {
		return this.standIn.apiRequests().size();
	}

	@Override
	public String tenant() {
		return this.standIn.tenant();
	}

	@Override
	public @Nullable String lastTenantName() {
		List<RecordedRequest> requests = this.standIn.apiRequests();
		return requests.isEmpty() ? null : requests.get(requests.size() - 1).header("Tenant-Name");
	}

}
