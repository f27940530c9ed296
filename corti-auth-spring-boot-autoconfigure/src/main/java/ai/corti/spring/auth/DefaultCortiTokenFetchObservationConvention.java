package ai.corti.spring.auth;

import ai.corti.spring.auth.CortiTokenObservationDocumentation.TokenFetchKeyNames;
import io.micrometer.common.KeyValues;

/**
 * The default {@link CortiTokenFetchObservationConvention}: name
 * {@code corti.token.fetch}, contextual name {@code corti token fetch}, and the
 * low-cardinality key values listed in {@link TokenFetchKeyNames}.
 *
 * @since 0.1.0
 */
public class DefaultCortiTokenFetchObservationConvention implements CortiTokenFetchObservationConvention {

	/** Name of the observation, also the name of its timer. */
	public static final String NAME = "corti.token.fetch";

	private static final String NONE = "none";

	@Override
	public String getName() {
		return NAME;
	}

	@Override
	public String getContextualName(CortiTokenFetchObservationContext context) {
		return "corti token fetch";
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(CortiTokenFetchObservationContext context) {
		CortiTokenException failure = context.getTokenException();
		String outcome = context.isSucceeded() ? "success" : (context.getError() != null) ? "failure" : "unknown";
		String code = (failure != null) ? failure.getErrorCode() : null;
		Integer status = (failure != null) ? failure.getStatus() : null;
		return KeyValues.of(TokenFetchKeyNames.REGISTRATION.withValue(context.getRegistrationId()),
				TokenFetchKeyNames.TRIGGER.withValue(context.getTrigger()),
				TokenFetchKeyNames.OUTCOME.withValue(outcome),
				// Only well-formed OAuth 2.0 error codes: anything else could be a long
				// or unbounded value.
				TokenFetchKeyNames.OAUTH_ERROR.withValue((code != null && code.matches("[a-z_]{1,40}")) ? code : NONE),
				TokenFetchKeyNames.HTTP_STATUS
					.withValue(context.isSucceeded() ? "200" : (status != null) ? String.valueOf(status) : NONE));
	}

}
