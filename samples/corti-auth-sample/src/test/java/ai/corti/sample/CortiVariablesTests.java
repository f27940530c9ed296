package ai.corti.sample;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link CortiVariables}.
 */
class CortiVariablesTests {

	private static final Map<String, String> CORTI = Map.of("CORTI_ENVIRONMENT", "eu", "CORTI_TENANT_NAME", "base",
			"CORTI_CLIENT_ID", "id", "CORTI_CLIENT_SECRET", "secret");

	@Test
	void withoutAnyVariableItNamesThemAndTheStandInCommand() {
		assertThat(new CortiVariables(Map.of()).problem()).isEqualTo(
				"No CORTI_* variables set. Set [CORTI_ENVIRONMENT, CORTI_TENANT_NAME, CORTI_CLIENT_ID, CORTI_CLIENT_SECRET] "
						+ "to call Corti, or run the sample against the local stand-in for Corti: "
						+ "./mvnw -q -pl samples/corti-auth-sample -am spring-boot:test-run");
	}

	@Test
	void withThePartOfTheTopLevelGroupItNamesTheMissingOnes() {
		assertThat(new CortiVariables(Map.of("CORTI_ENVIRONMENT", "eu", "CORTI_CLIENT_ID", " ")).problem())
			.endsWith("to call Corti. Missing: [CORTI_TENANT_NAME, CORTI_CLIENT_ID, CORTI_CLIENT_SECRET]");
	}

	@Test
	void withTheUsGroupAloneItAsksForTheTopLevelGroup() {
		CortiVariables variables = new CortiVariables(
				Map.of("CORTI_US_TENANT_NAME", "us", "CORTI_US_CLIENT_ID", "id", "CORTI_US_CLIENT_SECRET", "secret"));
		assertThat(variables.problem()).startsWith("No CORTI_* variables set.");
	}

	@Test
	void withPartOfTheUsGroupItNamesTheMissingOnes() {
		Map<String, String> variables = new HashMap<>(CORTI);
		variables.put("CORTI_US_CLIENT_ID", "id");
		CortiVariables corti = new CortiVariables(variables);
		assertThat(corti.problem()).isEqualTo("Set all of [CORTI_US_TENANT_NAME, CORTI_US_CLIENT_ID, "
				+ "CORTI_US_CLIENT_SECRET] to add the named client corti.clients.us, or none. Missing: "
				+ "[CORTI_US_TENANT_NAME, CORTI_US_CLIENT_SECRET]");
		assertThat(corti.usClientConfigured()).isFalse();
	}

	@Test
	void completeGroupsCallCortiAndTurnOnTheNamedClient() {
		Map<String, String> variables = new HashMap<>(CORTI);
		assertThat(new CortiVariables(variables).problem()).isNull();
		assertThat(new CortiVariables(variables).usClientConfigured()).isFalse();
		variables.putAll(
				Map.of("CORTI_US_TENANT_NAME", "us", "CORTI_US_CLIENT_ID", "id", "CORTI_US_CLIENT_SECRET", "secret"));
		assertThat(new CortiVariables(variables).problem()).isNull();
		assertThat(new CortiVariables(variables).usClientConfigured()).isTrue();
	}

}
