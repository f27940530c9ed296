package ai.corti.sample;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import ai.corti.spring.auth.standin.CortiStandIn;

import org.springframework.boot.SpringApplication;

/**
 * The local stand-in for Corti as the sample uses it when no credentials are set: tenant
 * {@code base} for the top-level client and tenant {@value #US_TENANT}, with credentials
 * of its own, for the named client {@code corti.clients.us}.
 */
final class LocalStandIn {

	/** Tenant of the named client {@code us}, other than the top-level client's. */
	static final String US_TENANT = "us-clinics";

	private static final String US_CLIENT_ID = "stand-in-us-client";

	static final String US_CLIENT_SECRET = "stand-in-us-secret";

	private LocalStandIn() {
	}

	/**
	 * Starts a stand-in that serves both tenants.
	 * @param tokenLifetime lifetime of the tokens it issues
	 * @return the running stand-in
	 */
	static CortiStandIn start(Duration tokenLifetime) {
		return CortiStandIn.start().tokenLifetime(tokenLifetime).addTenant(US_TENANT, US_CLIENT_ID, US_CLIENT_SECRET);
	}

	/**
	 * Makes the stand-in a bean of the application, for the tours to script and inspect.
	 * The application does not close it: it has to outlive the Corti clients, which may
	 * be renewing a token while the application closes.
	 * @param application the application to run
	 * @param standIn the stand-in
	 */
	static void register(SpringApplication application, CortiStandIn standIn) {
		application.addInitializers((context) -> context.getBeanFactory().registerSingleton("cortiStandIn", standIn));
	}

	/**
	 * The command-line arguments that point the top-level client and
	 * {@code corti.clients.us} at the stand-in.
	 * @param standIn the stand-in
	 * @param args the application's own arguments, kept first
	 * @return {@code args} followed by the stand-in's
	 */
	static String[] arguments(CortiStandIn standIn, String[] args) {
		List<String> all = new ArrayList<>(List.of(args));
		for (String property : standIn.propertyValues()) {
			all.add("--" + property);
		}
		all.add("--corti.clients.us.token-uri=" + standIn.tokenUri(US_TENANT));
		all.add("--corti.clients.us.base-url=" + standIn.baseUrl());
		all.add("--corti.clients.us.tenant-name=" + US_TENANT);
		all.add("--corti.clients.us.client-id=" + US_CLIENT_ID);
		all.add("--corti.clients.us.client-secret=" + US_CLIENT_SECRET);
		return all.toArray(String[]::new);
	}

}
