package ai.corti.sample;

import java.time.Duration;
import java.util.Map;

import ai.corti.spring.auth.standin.CortiStandIn;

import org.springframework.core.env.Environment;

/**
 * The local stand-in for Corti as the sample runs against it (profile
 * {@value SampleApplication#STAND_IN_PROFILE}): it serves tenant {@code base} to the
 * top-level client and the tenant of {@code corti.clients.us}, with that client's
 * credentials, to the named client.
 */
final class LocalStandIn {

	/** Lifetime of the tokens the stand-in issues. */
	static final String TOKEN_LIFETIME = "sample.stand-in.token-lifetime";

	private static final String US = "corti.clients.us.";

	private LocalStandIn() {
	}

	/**
	 * Starts a stand-in that serves both clients' tenants.
	 * @param environment the application's environment, with the named client's tenant
	 * and credentials
	 * @return the running stand-in
	 */
	static CortiStandIn start(Environment environment) {
		Duration lifetime = environment.getProperty(TOKEN_LIFETIME, Duration.class, Duration.ofSeconds(6));
		String usTenant = environment.getRequiredProperty(US + "tenant-name");
		CortiStandIn standIn = CortiStandIn.start()
			.tokenLifetime(lifetime)
			.addTenant(usTenant, environment.getRequiredProperty(US + "client-id"),
					environment.getRequiredProperty(US + "client-secret"));
		System.out.println("Running against the LOCAL STAND-IN for Corti at " + standIn.origin() + " (tokens live "
				+ lifetime.toSeconds() + " s, so renewals happen while you watch).");
		System.out.println("It serves tenant '" + standIn.tenant() + "' for the top-level client and '" + usTenant
				+ "' for the named client corti.clients.us.");
		return standIn;
	}

	/**
	 * The properties that point {@code corti.clients.us} at the stand-in. A named client
	 * has no connection details bean: its endpoints are properties.
	 * @param standIn the stand-in
	 * @param environment the application's environment, with the named client's tenant
	 * @return its {@code token-uri} and {@code base-url}
	 */
	static Map<String, String> namedClientProperties(CortiStandIn standIn, Environment environment) {
		return Map.of(US + "token-uri", standIn.tokenUri(environment.getRequiredProperty(US + "tenant-name")),
				US + "base-url", standIn.baseUrl());
	}

}
