package ai.corti.spring.auth;

import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

/**
 * Context of the {@code corti.token.fetch} observation: one attempt to obtain a token
 * from the token endpoint. A failed attempt carries its {@link CortiTokenException} as
 * the {@linkplain #getError() error}.
 *
 * @since 0.1.0
 * @see CortiTokenObservationDocumentation#TOKEN_FETCH
 */
public class CortiTokenFetchObservationContext extends Observation.Context {

	private final String registrationId;

	private final String trigger;

	private boolean succeeded;

	/**
	 * Creates a context for one attempt.
	 * @param registrationId the client registration the token is for, such as
	 * {@code corti} or {@code corti-us}
	 * @param trigger why the token is fetched: {@code initial}, {@code renewal},
	 * {@code rejection} or {@code invalidation}
	 */
	public CortiTokenFetchObservationContext(String registrationId, String trigger) {
		this.registrationId = registrationId;
		this.trigger = trigger;
	}

	/**
	 * Returns the client registration the token is for.
	 * @return the registration id, such as {@code corti} or {@code corti-us}
	 */
	public String getRegistrationId() {
		return this.registrationId;
	}

	/**
	 * Returns why the token is fetched.
	 * @return {@code initial} (the first token), {@code renewal} (a token due for
	 * renewal), {@code rejection} (the API answered {@code 401} to the current token) or
	 * {@code invalidation} (the token was dropped)
	 */
	public String getTrigger() {
		return this.trigger;
	}

	/**
	 * Returns whether the attempt obtained a token.
	 * @return {@code true} once a token was obtained; {@code false} while the attempt
	 * runs or when it failed
	 */
	public boolean isSucceeded() {
		return this.succeeded;
	}

	/** Marks the attempt as having obtained a token. */
	void succeeded() {
		this.succeeded = true;
	}

	/**
	 * Returns the token endpoint's failure, when the attempt failed with one.
	 * @return the failure, or {@code null}
	 */
	public @Nullable CortiTokenException getTokenException() {
		return (getError() instanceof CortiTokenException ex) ? ex : null;
	}

}
