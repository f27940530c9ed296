package ai.corti.spring.auth;

import io.micrometer.observation.Observation;

/**
 * Names of the {@code corti.token.fetch} observation, one per token request attempt. With Micrometer metrics it
 * becomes the timer {@code corti.token.fetch} (tags {@code corti.registration}, {@code trigger}, {@code outcome},
 * {@code oauth.error}, {@code http.status}) and the counters {@code corti.token.fetch.retry},
 * {@code corti.token.fetch.renewal} and {@code corti.token.fetch.rejection} (a token replaced after the API answered
 * {@code 401}).
 */
final class TokenObservations {

	static final String NAME = "corti.token.fetch";

	static final String REGISTRATION = "corti.registration";

	static final String TRIGGER = "trigger";

	static final String TRIGGER_INITIAL = "initial";

	static final String TRIGGER_RENEWAL = "renewal";

	static final String TRIGGER_REJECTION = "rejection";

	static final String TRIGGER_INVALIDATION = "invalidation";

	static final Observation.Event RETRY = Observation.Event.of("retry");

	private static final Observation.Event RENEWAL = Observation.Event.of("renewal");

	private static final Observation.Event REJECTION = Observation.Event.of("rejection");

	private TokenObservations() {
	}

	static void succeeded(Observation observation, String trigger) {
		observation.lowCardinalityKeyValue("outcome", "success")
			.lowCardinalityKeyValue("oauth.error", "none")
			.lowCardinalityKeyValue("http.status", "200");
		if (TRIGGER_RENEWAL.equals(trigger)) {
			observation.event(RENEWAL);
		}
		else if (TRIGGER_REJECTION.equals(trigger)) {
			observation.event(REJECTION);
		}
	}

	static void failed(Observation observation, CortiTokenException ex) {
		String code = ex.getErrorCode();
		Integer status = ex.getStatus();
		observation.lowCardinalityKeyValue("outcome", "failure")
			.lowCardinalityKeyValue("oauth.error", (code != null && code.matches("[a-z_]{1,40}")) ? code : "none")
			.lowCardinalityKeyValue("http.status", (status != null) ? String.valueOf(status) : "none")
			.error(ex);
	}

}
