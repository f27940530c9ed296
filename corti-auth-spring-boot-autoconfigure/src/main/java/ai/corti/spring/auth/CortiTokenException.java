package ai.corti.spring.auth;

import java.net.URI;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * No valid access token could be obtained from Corti's token endpoint. Says which
 * registration and endpoint failed, the HTTP status and OAuth error (when the endpoint
 * answered) and whether a later attempt can succeed without a configuration change
 * ({@link #isRetryable()}).
 * <p>
 * {@code RestClient} calls throw it directly; {@code WebClient} calls signal it as the
 * error of the returned {@code Mono}/{@code Flux}.
 *
 * @since 0.1.0
 */
public class CortiTokenException extends CortiException {

	/** Registration id of the client that asked for the token. */
	private final String registrationId;

	/** Token endpoint that was called. */
	private final URI tokenUri;

	/**
	 * HTTP status of the token endpoint's answer, or {@code null} when there was no
	 * answer.
	 */
	private final @Nullable Integer status;

	/** OAuth 2.0 {@code error} code, or {@code null}. */
	private final @Nullable String errorCode;

	/** OAuth 2.0 {@code error_description} or another detail, or {@code null}. */
	private final @Nullable String errorDescription;

	/** Whether a later attempt can succeed without a configuration change. */
	private final boolean retryable;

	/**
	 * Earliest instant of the next token request, or {@code null} when the endpoint set
	 * no wait.
	 */
	private final @Nullable Instant retryAt;

	/**
	 * Creates an exception for a failed token request, with a message that says what
	 * failed and whether retrying can help.
	 * @param registrationId the registration id of the client that asked for the token
	 * @param tokenUri the token endpoint that was called
	 * @param status the HTTP status of the token endpoint's answer, or {@code null} when
	 * there was no answer
	 * @param errorCode the OAuth 2.0 {@code error} code, or {@code null} when the answer
	 * had none
	 * @param errorDescription the OAuth 2.0 {@code error_description} or another detail,
	 * or {@code null}
	 * @param retryable whether a later attempt can succeed without a configuration change
	 * @param cause the cause, or {@code null} for none
	 */
	public CortiTokenException(String registrationId, URI tokenUri, @Nullable Integer status,
			@Nullable String errorCode, @Nullable String errorDescription, boolean retryable,
			@Nullable Throwable cause) {
		this(registrationId, tokenUri, status, errorCode, errorDescription, retryable, cause, null);
	}

	/**
	 * Creates an exception that also says when the token endpoint will be asked again.
	 * @param registrationId the registration id of the client that asked for the token
	 * @param tokenUri the token endpoint that was called
	 * @param status the HTTP status of the token endpoint's answer, or {@code null} when
	 * there was no answer
	 * @param errorCode the OAuth 2.0 {@code error} code, or {@code null} when the answer
	 * had none
	 * @param errorDescription the OAuth 2.0 {@code error_description} or another detail,
	 * or {@code null}
	 * @param retryable whether a later attempt can succeed without a configuration change
	 * @param cause the cause, or {@code null} for none
	 * @param retryAt the earliest instant of the next token request, from the endpoint's
	 * {@code Retry-After}, or {@code null} when it set no wait
	 * @since 0.1.0
	 */
	public CortiTokenException(String registrationId, URI tokenUri, @Nullable Integer status,
			@Nullable String errorCode, @Nullable String errorDescription, boolean retryable, @Nullable Throwable cause,
			@Nullable Instant retryAt) {
		super(describe(registrationId, tokenUri, status, errorCode, errorDescription, retryable, cause, retryAt),
				cause);
		this.registrationId = registrationId;
		this.tokenUri = tokenUri;
		this.status = status;
		this.errorCode = errorCode;
		this.errorDescription = errorDescription;
		this.retryable = retryable;
		this.retryAt = retryAt;
	}

	/**
	 * Registration id of the client that asked for the token ({@code corti} for the main
	 * token).
	 * @return the registration id
	 */
	public String getRegistrationId() {
		return this.registrationId;
	}

	/**
	 * Token endpoint that was called.
	 * @return the token endpoint URI
	 */
	public URI getTokenUri() {
		return this.tokenUri;
	}

	/**
	 * HTTP status of the token endpoint's answer.
	 * @return the status, or {@code null} when there was no answer (I/O error, timeout)
	 */
	public @Nullable Integer getStatus() {
		return this.status;
	}

	/**
	 * OAuth 2.0 {@code error} code, such as {@code invalid_client}.
	 * @return the error code, or {@code null} when the answer had none
	 */
	public @Nullable String getErrorCode() {
		return this.errorCode;
	}

	/**
	 * OAuth 2.0 {@code error_description}, or another detail of the failure.
	 * @return the error description, or {@code null}
	 */
	public @Nullable String getErrorDescription() {
		return this.errorDescription;
	}

	/**
	 * Whether a later attempt can succeed without a configuration change: {@code true}
	 * for I/O errors, timeouts, {@code 5xx}, {@code 429} and malformed answers;
	 * {@code false} for rejected credentials, scopes or requests.
	 * @return whether retrying can help
	 */
	public boolean isRetryable() {
		return this.retryable;
	}

	/**
	 * When the token endpoint answered {@code 429} or {@code 503} with
	 * {@code Retry-After}: the earliest instant at which it will be asked again (the
	 * header's wait, capped by {@code corti.token.retry.max-retry-after}); until then
	 * callers without a valid token get this exception at once.
	 * @return the earliest instant of the next token request, or {@code null} when the
	 * endpoint set no wait
	 */
	public @Nullable Instant getRetryAt() {
		return this.retryAt;
	}

	private static String describe(String registrationId, URI tokenUri, @Nullable Integer status,
			@Nullable String errorCode, @Nullable String errorDescription, boolean retryable, @Nullable Throwable cause,
			@Nullable Instant retryAt) {
		StringBuilder message = new StringBuilder("Could not obtain a Corti access token for registration '")
			.append(registrationId)
			.append("' from ")
			.append(tokenUri)
			.append(": ");
		if (status != null) {
			message.append("HTTP ").append(status);
		}
		else if (errorCode == null) {
			message.append("no answer");
			if (cause != null) {
				message.append(" (").append(ioReason(cause)).append(')');
			}
		}
		else {
			message.append("unusable answer");
		}
		if (errorCode != null) {
			message.append(", error '").append(errorCode).append('\'');
		}
		if (errorDescription != null) {
			message.append(" (").append(errorDescription).append(')');
		}
		message.append(". ");
		if (retryAt != null) {
			message.append("The token endpoint asked to wait: no new token request before ")
				.append(retryAt)
				.append(". ");
		}
		message.append(advice(status, errorCode, retryable));
		return message.toString();
	}

	/**
	 * The first cause below Spring's wrappers, such as "UnknownHostException:
	 * auth.eu.corti.app" or "ConnectException: Connection refused".
	 * @param cause the failure of the token request
	 * @return the simple class name of that cause, with its message if it has one
	 */
	private static String ioReason(Throwable cause) {
		Throwable root = cause;
		while (root.getClass().getName().startsWith("org.springframework.") && root.getCause() != null) {
			root = root.getCause();
		}
		String detail = root.getMessage();
		return root.getClass().getSimpleName() + ((detail != null && !detail.isBlank())
				? ": " + ((detail.length() > 120) ? detail.substring(0, 120) + "…" : detail) : "");
	}

	private static String advice(@Nullable Integer status, @Nullable String errorCode, boolean retryable) {
		if ("invalid_token_response".equals(errorCode)) {
			return "The answer did not come from a Keycloak token endpoint: check corti.token-uri and any HTTP proxy "
					+ "between this application and Corti (a proxy's login or error page looks like this).";
		}
		if (status != null && status >= 300 && status < 400) {
			return "Retrying will not help: set corti.token-uri to the token endpoint itself.";
		}
		if (retryable) {
			return "Retrying may help: the token endpoint was unreachable, slow or failing.";
		}
		if ("invalid_client".equals(errorCode) || "unauthorized_client".equals(errorCode)) {
			return "Retrying will not help: check corti.client-id, corti.client-secret and corti.tenant-name.";
		}
		if ("invalid_scope".equals(errorCode)) {
			return "Retrying will not help: check corti.scopes.";
		}
		return "Retrying will not help: check the corti.* configuration.";
	}

}
