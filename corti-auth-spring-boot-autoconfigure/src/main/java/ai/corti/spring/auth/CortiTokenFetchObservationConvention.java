package ai.corti.spring.auth;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * {@link ObservationConvention} of the {@code corti.token.fetch} observation. Declare a
 * bean of this type (or pass one to
 * {@link CortiTokenService.Builder#observationConvention}) to change its name, contextual
 * name or key values; extend {@link DefaultCortiTokenFetchObservationConvention} to keep
 * the defaults and add to them.
 *
 * @since 0.1.0
 */
public interface CortiTokenFetchObservationConvention extends ObservationConvention<CortiTokenFetchObservationContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof CortiTokenFetchObservationContext;
	}

}
