package ai.corti.sample;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import ai.corti.spring.auth.standin.CortiStandIn;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.util.StringUtils;
import org.springframework.web.service.registry.ImportHttpServices;

/**
 * Quick start. With {@code CORTI_ENVIRONMENT}, {@code CORTI_TENANT_NAME}, {@code CORTI_CLIENT_ID} and
 * {@code CORTI_CLIENT_SECRET} set it calls the real Corti API; without them it starts the local stand-in with short
 * tokens and shows tokens being fetched, attached, renewed and healed.
 */
@SpringBootApplication
@ImportHttpServices(group = "corti", types = CortiInteractions.class)
public class SampleApplication {

	static final List<String> CREDENTIAL_VARIABLES = List.of("CORTI_ENVIRONMENT", "CORTI_TENANT_NAME",
			"CORTI_CLIENT_ID", "CORTI_CLIENT_SECRET");

	public static void main(String[] args) {
		List<String> missing = CREDENTIAL_VARIABLES.stream()
			.filter((name) -> !StringUtils.hasText(System.getenv(name)))
			.toList();
		if (missing.size() < CREDENTIAL_VARIABLES.size() && !missing.isEmpty()) {
			System.err.println("Set all of " + CREDENTIAL_VARIABLES + " to call Corti, or none to use the local "
					+ "stand-in. Missing: " + missing);
			System.exit(2);
		}
		if (missing.isEmpty()) {
			System.out.println("Calling the real Corti API (environment " + System.getenv("CORTI_ENVIRONMENT")
					+ ", tenant " + System.getenv("CORTI_TENANT_NAME") + ").");
			System.exit(SpringApplication.exit(SpringApplication.run(SampleApplication.class, args)));
		}
		try (CortiStandIn standIn = CortiStandIn.start().tokenLifetime(Duration.ofSeconds(6))) {
			System.out.println("No CORTI_* credentials set: running against the built-in LOCAL STAND-IN for Corti at "
					+ standIn.origin() + " (tokens live 6 s, so renewals happen while you watch).");
			SpringApplication application = new SpringApplication(SampleApplication.class);
			application.addInitializers((context) -> context.getBeanFactory().registerSingleton("cortiStandIn", standIn));
			System.exit(SpringApplication.exit(application.run(standInArgs(standIn, args))));
		}
	}

	static String[] standInArgs(CortiStandIn standIn, String[] args) {
		List<String> all = new ArrayList<>(List.of(args));
		for (String property : standIn.propertyValues()) {
			all.add("--" + property);
		}
		return all.toArray(String[]::new);
	}

}
