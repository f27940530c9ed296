package ai.corti.spring.auth.autoconfigure;

import java.time.Duration;

import ai.corti.spring.auth.CortiConfigurationException;
import org.jspecify.annotations.Nullable;

import org.springframework.util.StringUtils;

/**
 * Checks of single {@code corti.*} values that fail with a
 * {@link CortiConfigurationException} naming the property.
 */
final class CortiPropertyChecks {

	private CortiPropertyChecks() {
	}

	static String requireText(@Nullable String value, String property, String action) {
		if (!StringUtils.hasText(value)) {
			throw new CortiConfigurationException(property, "is not set", action);
		}
		return value.trim();
	}

	static Duration requirePositive(Duration value, String property) {
		if (value.isNegative() || value.isZero()) {
			throw new CortiConfigurationException(property, "is " + value + ", which is not a positive duration",
					"Set " + property + " to a positive duration such as '10s', or remove it to use the default.");
		}
		return value;
	}

	/**
	 * Requires {@code value} to be longer than {@code other}; the failure names both
	 * properties.
	 * @param value the duration to check
	 * @param property the property of {@code value}
	 * @param other the duration that {@code value} must be longer than
	 * @param otherProperty the property of {@code other}
	 * @param because why, the end of the failure's description
	 * @return {@code value}
	 */
	static Duration requireLonger(Duration value, String property, Duration other, String otherProperty,
			String because) {
		if (value.compareTo(other) <= 0) {
			throw new CortiConfigurationException(property,
					"(" + format(value) + ") is not longer than " + otherProperty + " (" + format(other) + "), "
							+ because,
					"Set " + property + " longer than " + otherProperty + ", or remove both to use the defaults.");
		}
		return value;
	}

	/**
	 * A duration the way it is written in properties: {@code 30s}, {@code 500ms}.
	 * @param duration the duration to format
	 * @return the duration in whole seconds when it has no fraction of a second, else in
	 * milliseconds
	 */
	private static String format(Duration duration) {
		return (duration.toMillis() % 1000 == 0) ? duration.toSeconds() + "s" : duration.toMillis() + "ms";
	}

	static double requireFraction(double value, String property) {
		if (!(value >= 0 && value <= 1)) {
			throw new CortiConfigurationException(property, "is " + value + ", not a fraction between 0 and 1",
					"Set " + property + " to a value such as 0.2 (retries may add 20 % to the calls), or remove it to "
							+ "use the default.");
		}
		return value;
	}

	/**
	 * Requires {@code value} not to exceed {@code maximum}.
	 * @param value the value to check
	 * @param maximum the largest value allowed
	 * @param property the property of {@code value}
	 * @return {@code value}
	 */
	static int requireAtMost(int value, int maximum, String property) {
		if (value > maximum) {
			throw new CortiConfigurationException(property, "is " + value + ", above the maximum of " + maximum,
					"Set " + property + " to " + maximum + " or less, or remove it to use the default.");
		}
		return value;
	}

	static int requireAtLeast(int value, int minimum, String property) {
		if (value < minimum) {
			throw new CortiConfigurationException(property, "is " + value + ", below the minimum of " + minimum,
					"Set " + property + " to " + minimum + " or more, or remove it to use the default.");
		}
		return value;
	}

}
