package ai.corti.spring.auth.autoconfigure;

import ai.corti.spring.auth.CortiConfigurationException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a {@link CortiConfigurationException} into a startup report that names the
 * property, its problem and the fix.
 */
class CortiConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<CortiConfigurationException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, CortiConfigurationException cause) {
		return new FailureAnalysis(
				"The Corti API client is misconfigured: " + cause.getProperty() + " " + cause.getProblem() + ".",
				cause.getAction(), cause);
	}

}
