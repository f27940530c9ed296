package ai.corti.spring.auth;

import io.micrometer.common.docs.KeyName;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;
import io.micrometer.observation.docs.ObservationDocumentation;

/**
 * The observations of the Corti token services. With Micrometer metrics,
 * {@link #TOKEN_FETCH} becomes the timer {@code corti.token.fetch} and its
 * {@linkplain TokenFetchEvents events} the counters {@code corti.token.fetch.retry},
 * {@code corti.token.fetch.renewal} and {@code corti.token.fetch.rejection}.
 *
 * @since 0.1.0
 */
public enum CortiTokenObservationDocumentation implements ObservationDocumentation {

	/**
	 * One attempt to obtain a token from the token endpoint. An attempt that a caller
	 * waits for is a child of the caller's observation; background renewals are roots.
	 * The token endpoint's own HTTP observation is its child.
	 */
	TOKEN_FETCH {

		@Override
		public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
			return DefaultCortiTokenFetchObservationConvention.class;
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return TokenFetchKeyNames.values();
		}

		@Override
		public Observation.Event[] getEvents() {
			return TokenFetchEvents.values();
		}

	};

	/**
	 * Low-cardinality key names of {@link #TOKEN_FETCH}.
	 *
	 * @since 0.1.0
	 */
	public enum TokenFetchKeyNames implements KeyName {

		/**
		 * The client registration: {@code corti}, or {@code corti-<name>} for a named
		 * client.
		 */
		REGISTRATION {
			@Override
			public String asString() {
				return "corti.registration";
			}
		},

		/**
		 * Why the token is fetched: {@code initial}, {@code renewal}, {@code rejection}
		 * or {@code invalidation}.
		 */
		TRIGGER {
			@Override
			public String asString() {
				return "trigger";
			}
		},

		/** {@code success} or {@code failure}. */
		OUTCOME {
			@Override
			public String asString() {
				return "outcome";
			}
		},

		/**
		 * The OAuth 2.0 error code of a failure, such as {@code invalid_client}, or
		 * {@code none}.
		 */
		OAUTH_ERROR {
			@Override
			public String asString() {
				return "oauth.error";
			}
		},

		/** The token endpoint's HTTP status, or {@code none} when it gave no answer. */
		HTTP_STATUS {
			@Override
			public String asString() {
				return "http.status";
			}
		}

	}

	/**
	 * Events of {@link #TOKEN_FETCH}.
	 *
	 * @since 0.1.0
	 */
	public enum TokenFetchEvents implements Observation.Event {

		/** The attempt failed and another one follows after a backoff. */
		RETRY {
			@Override
			public String getName() {
				return "retry";
			}
		},

		/** The attempt renewed a token that was due for renewal. */
		RENEWAL {
			@Override
			public String getName() {
				return "renewal";
			}
		},

		/** The attempt replaced a token that the API rejected with {@code 401}. */
		REJECTION {
			@Override
			public String getName() {
				return "rejection";
			}
		}

	}

}
