package ai.corti.sample;

import org.springframework.aot.AotDetector;
import org.springframework.boot.SpringApplication;

/**
 * Runs the sample against the local stand-in for Corti, with nothing to set up:
 * {@code ./mvnw -q -pl samples/corti-auth-sample -am spring-boot:test-run}. The sample's
 * own {@code main} runs, with the {@value SampleApplication#STAND_IN_PROFILE} profile and
 * {@link StandInConfiguration} added, as Spring Boot runs an application against
 * development services; processed ahead of time ({@code -Paot}), with
 * {@link StandInRunListener} instead.
 */
public final class TestSampleApplication {

	private TestSampleApplication() {
	}

	public static void main(String[] args) {
		if (AotDetector.useGeneratedArtifacts()) {
			SpringApplication.withHook(new StandInRunListener(), () -> SampleApplication.main(args));
			return;
		}
		SpringApplication.from(SampleApplication::main)
			.with(StandInConfiguration.class)
			.withAdditionalProfiles(SampleApplication.STAND_IN_PROFILE)
			.run(args);
	}

}
