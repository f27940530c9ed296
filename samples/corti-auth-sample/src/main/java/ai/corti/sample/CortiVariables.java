package ai.corti.sample;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.aot.AbstractAotProcessor;
import org.springframework.util.StringUtils;

/**
 * The environment variables that point the sample at the real Corti, each group all set
 * or not at all. They are checked as the application's environment is prepared: a missing
 * or partial group stops the sample with exit code 2 and names the variables, where the
 * starter would name the empty {@code corti.*} property instead. Not checked under the
 * {@value SampleApplication#STAND_IN_PROFILE} profile, whose launcher
 * ({@code TestSampleApplication}) supplies a local Corti, nor during ahead-of-time
 * processing, which only builds bean definitions and never calls Corti.
 */
final class CortiVariables implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

	static final List<String> CREDENTIALS = List.of("CORTI_ENVIRONMENT", "CORTI_TENANT_NAME", "CORTI_CLIENT_ID",
			"CORTI_CLIENT_SECRET");

	static final List<String> US_CREDENTIALS = List.of("CORTI_US_TENANT_NAME", "CORTI_US_CLIENT_ID",
			"CORTI_US_CLIENT_SECRET");

	static final String STAND_IN_COMMAND = "./mvnw -q -pl samples/corti-auth-sample -am spring-boot:test-run";

	private final Map<String, String> variables;

	CortiVariables(Map<String, String> variables) {
		this.variables = variables;
	}

	/**
	 * Whether the {@code CORTI_US_*} group is complete, so that the named client
	 * {@code corti.clients.us} is to be configured from it.
	 * @return whether all of {@link #US_CREDENTIALS} are set
	 */
	boolean usClientConfigured() {
		return missing(US_CREDENTIALS).isEmpty();
	}

	/**
	 * What keeps the variables from configuring a call to Corti.
	 * @return the message to stop with, or {@code null} when they are complete
	 */
	@Nullable String problem() {
		List<String> missing = missing(CREDENTIALS);
		List<String> missingUs = missing(US_CREDENTIALS);
		if (missing.size() == CREDENTIALS.size()) {
			return "No CORTI_* variables set. Set " + CREDENTIALS + " to call Corti, or run the sample against the "
					+ "local stand-in for Corti: " + STAND_IN_COMMAND;
		}
		if (!missing.isEmpty()) {
			return "Set all of " + CREDENTIALS + " to call Corti. Missing: " + missing;
		}
		if (!missingUs.isEmpty() && missingUs.size() < US_CREDENTIALS.size()) {
			return "Set all of " + US_CREDENTIALS + " to add the named client corti.clients.us, or none. Missing: "
					+ missingUs;
		}
		return null;
	}

	@Override
	public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
		if (event.getEnvironment().matchesProfiles(SampleApplication.STAND_IN_PROFILE)
				|| Boolean.getBoolean(AbstractAotProcessor.AOT_PROCESSING)) {
			return;
		}
		String problem = problem();
		if (problem != null) {
			System.err.println(problem);
			System.exit(2);
		}
		System.out.println("Calling the real Corti API (environment " + this.variables.get("CORTI_ENVIRONMENT")
				+ ", tenant " + this.variables.get("CORTI_TENANT_NAME") + ")"
				+ (usClientConfigured() ? ", and through corti.clients.us environment us, tenant "
						+ this.variables.get("CORTI_US_TENANT_NAME") : "")
				+ ".");
	}

	private List<String> missing(List<String> names) {
		return names.stream().filter((name) -> !StringUtils.hasText(this.variables.get(name))).toList();
	}

}
