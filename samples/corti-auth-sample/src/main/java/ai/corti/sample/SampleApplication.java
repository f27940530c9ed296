package ai.corti.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.service.registry.ImportHttpServices;

/**
 * Quick start. With {@code CORTI_ENVIRONMENT}, {@code CORTI_TENANT_NAME},
 * {@code CORTI_CLIENT_ID} and {@code CORTI_CLIENT_SECRET} set it calls the real Corti
 * API, and with {@code CORTI_US_TENANT_NAME}, {@code CORTI_US_CLIENT_ID} and
 * {@code CORTI_US_CLIENT_SECRET} also set, a second tenant through the named client
 * {@code corti.clients.us} (see {@link CortiVariables}). {@code TestSampleApplication} in
 * the test sources runs it against the local stand-in for Corti instead, with short
 * tokens, to show tokens being fetched, attached, renewed and healed. Either way it then
 * asks its own endpoint for a front-end token and exits, unless {@code sample.serve=true}
 * keeps it serving.
 */
@SpringBootApplication
@ImportHttpServices(group = "corti", types = CortiInteractions.class)
public class SampleApplication {

	/**
	 * Turns on the document of application.yml that configures {@code corti.clients.us}.
	 */
	static final String US_PROFILE = "corti-us";

	/**
	 * Marks a run against a local Corti that its launcher supplies: the {@code CORTI_*}
	 * variables are not read.
	 */
	static final String STAND_IN_PROFILE = "stand-in";

	public static void main(String[] args) {
		CortiVariables variables = new CortiVariables(System.getenv());
		SpringApplication application = new SpringApplication(SampleApplication.class);
		application.addListeners(variables);
		if (variables.usClientConfigured()) {
			application.setAdditionalProfiles(US_PROFILE);
		}
		ConfigurableApplicationContext context = application.run(args);
		if (!context.getEnvironment().getProperty("sample.serve", Boolean.class, false)) {
			System.exit(SpringApplication.exit(context));
		}
	}

}
