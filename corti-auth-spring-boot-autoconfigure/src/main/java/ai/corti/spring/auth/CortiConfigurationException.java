package ai.corti.spring.auth;

/**
 * A {@code corti.*} property is missing or invalid. Startup fails with it; the failure
 * analysis names the property, the problem and the fix. The offending value is only
 * repeated when it is not a credential.
 *
 * @since 0.1.0
 */
public class CortiConfigurationException extends CortiException {

	/** Full name of the offending property. */
	private final String property;

	/** What is wrong with the value, phrased to follow the property name. */
	private final String problem;

	/** How to fix it. */
	private final String action;

	/**
	 * Creates an exception with the message
	 * {@code Invalid Corti configuration: <property> <problem>. <action>}.
	 * @param property the full name of the offending property, such as
	 * {@code corti.client-id}
	 * @param problem what is wrong with the value, phrased to follow the property name
	 * @param action how to fix it
	 */
	public CortiConfigurationException(String property, String problem, String action) {
		super("Invalid Corti configuration: " + property + " " + problem + ". " + action);
		this.property = property;
		this.problem = problem;
		this.action = action;
	}

	/**
	 * Full name of the offending property, such as {@code corti.client-id}.
	 * @return the property name
	 */
	public String getProperty() {
		return this.property;
	}

	/**
	 * What is wrong with the value, phrased to follow the property name.
	 * @return the problem
	 */
	public String getProblem() {
		return this.problem;
	}

	/**
	 * How to fix it.
	 * @return the action
	 */
	public String getAction() {
		return this.action;
	}

}
