package ai.corti.spring.auth;

import org.jspecify.annotations.Nullable;

/**
 * Base of every exception this starter throws on purpose. Messages never contain a client
 * secret or an access token.
 *
 * @since 0.1.0
 */
public abstract class CortiException extends RuntimeException {

	/**
	 * Creates an exception with a cause. It records no suppressed exceptions, because one
	 * instance can reach many callers.
	 * @param message the detail message, which must not contain a secret or token
	 * @param cause the cause, or {@code null} for none
	 */
	protected CortiException(String message, @Nullable Throwable cause) {
		// No suppressed exceptions: one instance can reach many callers (a shared token
		// request, or a failure
		// replayed during a backoff), and Reactor's block() would otherwise attach to it
		// on every call.
		super(message, cause, false, true);
	}

	/**
	 * Creates an exception without a cause. It records no suppressed exceptions.
	 * @param message the detail message, which must not contain a secret or token
	 */
	protected CortiException(String message) {
		this(message, null);
	}

}
