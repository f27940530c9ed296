package ai.corti.spring.auth.keycloak;

/**
 * The clients of {@code src/test/resources/keycloak/base-realm.json}, a realm shaped like
 * a Corti tenant.
 */
final class CortiRealm {

	/** Tenant name, which is the Keycloak realm. */
	static final String TENANT = "base";

	/**
	 * Confidential client with a service account and Keycloak's default 300 s tokens,
	 * like a Corti API client.
	 */
	static final String CLIENT_ID = "corti-api-client";

	static final String CLIENT_SECRET = "it-secret-main-7c1e9a42f3b8";

	/**
	 * The same kind of client with 10 s tokens, to see several renewals in a short test.
	 */
	static final String SHORT_LIVED_CLIENT_ID = "corti-short-lived";

	static final String SHORT_LIVED_CLIENT_SECRET = "it-secret-short-5d20b6e1c94f";

	private CortiRealm() {
	}

}
