package ai.corti.sample;

import java.time.Duration;
import java.util.List;

import ai.corti.spring.auth.standin.CortiStandIn;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.StringUtils;
import org.springframework.web.service.registry.ImportHttpServices;

/**
 * Quick start. With {@code CORTI_ENVIRONMENT}, {@code CORTI_TENANT_NAME},
 * {@code CORTI_CLIENT_ID} and {@code CORTI_CLIENT_SECRET} set it calls the real Corti
 * API, and with {@code CORTI_US_TENANT_NAME}, {@code CORTI_US_CLIENT_ID} and
 * {@code CORTI_US_CLIENT_SECRET} also set, a second tenant through the named client
 * {@code corti.clients.us}. Without any of them it starts the local stand-in with short
 * tokens, serving both clients' tenants, and shows tokens being fetched, attached,
 * renewed and healed. Either way it then asks its own endpoint for a front-end token and
 * exits, unless {@code sample.serve=true} keeps it serving.
 */
@SpringBootApplication
@ImportHttpServices(group = "corti", types = CortiInteractions.class)
public class SampleApplication {

	static final List<String> CREDENTIAL_VARIABLES = List.of("CORTI_ENVIRONMENT", "CORTI_TENANT_NAME",
			"CORTI_CLIENT_ID", "CORTI_CLIENT_SECRET");

	static final List<String> US_CREDENTIAL_VARIABLES = List.of("CORTI_US_TENANT_NAME", "CORTI_US_CLIENT_ID",
			"CORTI_US_CLIENT_SECRET");

	/**
	 * Turns on the document of application.yml that configures {@code corti.clients.us}.
	 */
	static final String US_PROFILE = "corti-us";

	public static void main(String[] args) {
		List<String> missing = missing(CREDENTIAL_VARIABLES);
		List<String> missingUs = missing(US_CREDENTIAL_VARIABLES);
		if (!missing.isEmpty() && missing.size() < CREDENTIAL_VARIABLES.size()) {
			fail("Set all of " + CREDENTIAL_VARIABLES + " to call Corti, or none to use the local stand-in. Missing: "
					+ missing);
		}
		if (!missingUs.isEmpty() && missingUs.size() < US_CREDENTIAL_VARIABLES.size()) {
			fail("Set all of " + US_CREDENTIAL_VARIABLES + " to add the named client corti.clients.us, or none. "
					+ "Missing: " + missingUs);
		}
		if (missing.isEmpty()) {
			callCorti(args, missingUs.isEmpty());
		}
		else if (missingUs.isEmpty()) {
			fail(US_CREDENTIAL_VARIABLES + " add a second client to the one of " + CREDENTIAL_VARIABLES
					+ ": set those too, or unset the CORTI_US_* variables to use the local stand-in.");
		}
		else {
			callStandIn(args);
		}
	}

	private static void callCorti(String[] args, boolean withUsClient) {
		System.out.println("Calling the real Corti API (environment " + System.getenv("CORTI_ENVIRONMENT") + ", tenant "
				+ System.getenv("CORTI_TENANT_NAME") + ")" + (withUsClient ? ", and through "
						+ "corti.clients.us environment us, tenant " + System.getenv("CORTI_US_TENANT_NAME") : "")
				+ ".");
		SpringApplication application = new SpringApplication(SampleApplication.class);
		if (withUsClient) {
			application.setAdditionalProfiles(US_PROFILE);
		}
		runThenExit(application, args);
	}

	private static void callStandIn(String[] args) {
		// Not closed here: it lives as long as the process, which ends with System.exit
		// or, when serving, Ctrl-C.
		CortiStandIn standIn = LocalStandIn.start(Duration.ofSeconds(6));
		System.out.println("No CORTI_* credentials set: running against the built-in LOCAL STAND-IN for Corti at "
				+ standIn.origin() + " (tokens live 6 s, so renewals happen while you watch).");
		System.out.println("It serves tenant '" + standIn.tenant() + "' for the top-level client and '"
				+ LocalStandIn.US_TENANT + "' for the named client corti.clients.us.");
		SpringApplication application = new SpringApplication(SampleApplication.class);
		LocalStandIn.register(application, standIn);
		runThenExit(application, LocalStandIn.arguments(standIn, args));
	}

	/**
	 * Runs the tours, then exits with the application's exit code, unless
	 * {@code sample.serve=true}.
	 * @param application the application to run
	 * @param args the command-line arguments to run it with
	 */
	private static void runThenExit(SpringApplication application, String[] args) {
		ConfigurableApplicationContext context = application.run(args);
		if (!context.getEnvironment().getProperty("sample.serve", Boolean.class, false)) {
			System.exit(SpringApplication.exit(context));
		}
	}

	private static List<String> missing(List<String> variables) {
		return variables.stream().filter((name) -> !StringUtils.hasText(System.getenv(name))).toList();
	}

	private static void fail(String message) {
		System.err.println(message);
		System.exit(2);
	}

}
