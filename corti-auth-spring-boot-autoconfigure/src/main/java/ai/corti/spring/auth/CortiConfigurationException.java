package ai.corti.spring.auth;

/**
 * A {@code corti.*} property is missing or invalid. Startup fails with it; the failure analysis names the property,
 * the problem and the fix. The offending value is only repeated when it is not a credential.
 */
public class CortiConfigurationException extends CortiException {

	private final String property;

	private final String problem;

	private final String action;

	public CortiConfigurationException(String property, String problem, String action) {
		super("Invalid Corti configuration: " + property + " " + problem + ". " + action);
		this.property = property;
		this.problem = problem;
		this.action = action;
	}

	/** Full name of the offending property, such as {@code corti.client-id}. */
	public String getProperty() {
		return this.property;
	}

	/** What is wrong with the value, phrased to follow the property name. */
	public String getProblem() {
		return this.problem;
	}

	/** How to fix it. */
	public String getAction() {
		return this.action;
	}

}
