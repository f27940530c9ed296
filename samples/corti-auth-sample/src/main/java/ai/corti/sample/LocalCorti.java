package ai.corti.sample;

import org.jspecify.annotations.Nullable;

/**
 * A Corti running on this machine, such as the stand-in that
 * {@code TestSampleApplication} (test sources) runs the sample against. The tours script
 * it to show a revoked token being healed and report what it received; against the real
 * Corti there is none.
 */
interface LocalCorti {

	/**
	 * Answers the next API request {@code 401 invalid_token}, whatever its token, as if
	 * an administrator had just revoked it.
	 */
	void rejectNextApiRequest();

	/**
	 * How many token requests it received.
	 * @return the number of token requests
	 */
	int tokenRequestCount();

	/**
	 * How many API requests it received.
	 * @return the number of API requests
	 */
	int apiRequestCount();

	/**
	 * The tenant it serves for the top-level client.
	 * @return the tenant name
	 */
	String tenant();

	/**
	 * The {@code Tenant-Name} header of the last API request it received.
	 * @return the header, or {@code null} without a request or header
	 */
	@Nullable String lastTenantName();

}
