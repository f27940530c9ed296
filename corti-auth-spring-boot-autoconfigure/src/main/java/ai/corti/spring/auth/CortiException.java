package ai.corti.spring.auth;

import org.jspecify.annotations.Nullable;

/**
 * Base of every exception this starter throws on purpose. Messages never contain a client secret or an access
 * token.
 */
public abstract class CortiException extends RuntimeException {

	protected CortiException(String message, @Nullable Throwable cause) {
		// No suppressed exceptions: one instance can reach many callers (a shared token request, or a failure
		// replayed during a backoff), and Reactor's block() would otherwise attach to it on every call.
		super(message, cause, false, true);
	}

	protected CortiException(String message) {
		this(message, null);
	}

}
