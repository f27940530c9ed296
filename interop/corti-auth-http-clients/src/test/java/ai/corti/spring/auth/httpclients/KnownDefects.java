package ai.corti.spring.auth.httpclients;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Assumptions;

/**
 * Defects these tests found on one client, reported and not fixed yet. Their checks still run with every other check
 * of the test; when one of them fails, the test ends skipped with the defect and the failure in its report, instead of
 * failing the build for a known reason. Once a defect is fixed, drop its condition so that it fails the build again.
 */
final class KnownDefects {

	private final List<String> seen = new ArrayList<>();

	/** Runs {@code checks}; when the defect {@code applies}, a failure is noted against it instead of thrown. */
	void check(boolean applies, String defect, Runnable checks) {
		if (!applies) {
			checks.run();
			return;
		}
		try {
			checks.run();
		}
		catch (AssertionError | RuntimeException failure) {
			this.seen.add(defect + " [" + failure + "]");
		}
	}

	/** Ends the test skipped when a known defect showed; call it after every other check has passed. */
	void skipIfAnyShowed() {
		Assumptions.assumeTrue(this.seen.isEmpty(), () -> "Known defects showed: " + String.join("; ", this.seen));
	}

}
