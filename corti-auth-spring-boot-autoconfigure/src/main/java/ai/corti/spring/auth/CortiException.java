package ai.corti.spring.auth;

/**
 * Base of every exception this starter throws on purpose. Messages never contain a client secret or an access
 * token.
 */
public abstract class CortiException extends RuntimeException {

	protected CortiException(String message, Throwable cause) {
		super(message, cause);
	}

	protected CortiException(String message) {
		super(message);
	}

}
