package ai.corti.sample;

import java.util.Map;

import ai.corti.spring.auth.autoconfigure.CortiConnectionDetails;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * Calls Corti once through the named client {@code corti.clients.us}: its own tenant,
 * credentials and token, injected with {@code @Qualifier("corti-us")} (at run time,
 * {@code cortiClients.get("us").getRestClient()} is the same client). The client is
 * optional here, so the tour asks for it through an {@link ObjectProvider}; when it is
 * not configured (real Corti without the {@code CORTI_US_*} variables) the tour says how
 * to add it.
 */
@Component
@Order(2)
class NamedClientTour implements ApplicationRunner {

	private static final String PATH = "/interactions/?pageSize=1";

	private final @Nullable RestClient us;

	private final @Nullable LocalCorti local;

	private final String tenant;

	private final String usTenant;

	NamedClientTour(@Qualifier("corti-us") ObjectProvider<RestClient> us, ObjectProvider<LocalCorti> local,
			CortiConnectionDetails connection, @Value("${corti.clients.us.tenant-name:}") String usTenant) {
		this.us = us.getIfAvailable();
		this.local = local.getIfAvailable();
		this.tenant = connection.getTenantName();
		this.usTenant = usTenant;
	}

	@Override
	public void run(ApplicationArguments args) {
		System.out.println();
		if (this.us == null) {
			System.out.println("Named client corti.clients.us: not configured. Set " + CortiVariables.US_CREDENTIALS
					+ " to call a second tenant (environment us) too.");
			return;
		}
		System.out.println("Named client corti.clients.us (@Qualifier(\"corti-us\") RestClient): its own tenant, "
				+ "credentials and token");
		try {
			Map<?, ?> answer = this.us.get().uri(PATH).retrieve().body(Map.class);
			System.out.printf(
					"call via corti-us          -> GET %s: OK %s  <- Tenant-Name: %s (top-level client: " + "%s)%n",
					PATH, (answer != null) ? answer.keySet() : "{}", tenantNameSent(), this.tenant);
		}
		catch (RuntimeException ex) {
			System.out.printf("call via corti-us          -> FAILED: %s%n", ex.getMessage());
			throw new IllegalStateException("The call through corti.clients.us failed", ex);
		}
	}

	/**
	 * What the local Corti received, when there is one; the configured tenant otherwise.
	 * @return the {@code Tenant-Name} header of the last API request the local Corti
	 * received ({@code (none)} without one), or the tenant of {@code corti.clients.us}
	 * against the real Corti
	 */
	private String tenantNameSent() {
		if (this.local == null) {
			return this.usTenant;
		}
		String sent = this.local.lastTenantName();
		return (sent != null) ? sent : "(none)";
	}

}
