package ai.corti.sample;

import java.util.List;
import java.util.Map;

import ai.corti.spring.auth.standin.CortiStandIn;
import ai.corti.spring.auth.standin.RecordedRequest;
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

	private final @Nullable CortiStandIn standIn;

	private final String tenant;

	private final String usTenant;

	NamedClientTour(@Qualifier("corti-us") ObjectProvider<RestClient> us, ObjectProvider<CortiStandIn> standIn,
			@Value("${corti.tenant-name}") String tenant, @Value("${corti.clients.us.tenant-name:}") String usTenant) {
		this.us = us.getIfAvailable();
		this.standIn = standIn.getIfAvailable();
		this.tenant = tenant;
		this.usTenant = usTenant;
	}

	@Override
	public void run(ApplicationArguments args) {
		System.out.println();
		if (this.us == null) {
			System.out.println("Named client corti.clients.us: not configured. Set "
					+ SampleApplication.US_CREDENTIAL_VARIABLES + " to call a second tenant (environment us) too.");
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
	 * What the stand-in received, when there is one; the configured tenant otherwise.
	 * @return the {@code Tenant-Name} header of the last API request the stand-in
	 * received ({@code (none)} without one), or the tenant of {@code corti.clients.us}
	 * when there is no stand-in
	 */
	private String tenantNameSent() {
		if (this.standIn == null) {
			return this.usTenant;
		}
		List<RecordedRequest> requests = this.standIn.apiRequests();
		String sent = requests.get(requests.size() - 1).header("Tenant-Name");
		return (sent != null) ? sent : "(none)";
	}

}
