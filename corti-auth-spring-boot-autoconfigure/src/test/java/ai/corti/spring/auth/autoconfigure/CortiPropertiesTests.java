package ai.corti.spring.auth.autoconfigure;

import java.time.Duration;
import java.util.stream.Stream;

import ai.corti.spring.auth.CortiConfigurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * {@link CortiProperties#validate()}: every range check and the relation between renewal
 * and expiry margin fail with a {@link CortiConfigurationException} naming the property.
 */
class CortiPropertiesTests {

	private final CortiProperties properties = new CortiProperties();

	@Test
	void defaultsAreValid() {
		assertThatNoException().isThrownBy(this.properties::validate);
	}

	@Test
	void identityIsNotCheckedByValidate() {
		this.properties.setEnvironment("NOT A DNS LABEL");
		this.properties.setTenantName("..");
		this.properties.setTokenUri("not a url");
		assertThatNoException().isThrownBy(this.properties::validate);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("durations")
	void zeroDurationIsRejected(String property, DurationSetter setter) {
		setter.set(this.properties, Duration.ZERO);
		assertThatExceptionOfType(CortiConfigurationException.class).isThrownBy(this.properties::validate)
			.satisfies((ex) -> {
				assertThat(ex.getProperty()).isEqualTo(property);
				assertThat(ex.getProblem()).isEqualTo("is PT0S, which is not a positive duration");
				assertThat(ex.getAction()).startsWith("Set " + property + " to a positive duration");
				assertThat(ex.getMessage()).startsWith("Invalid Corti configuration: " + property + " is PT0S");
			});
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("durations")
	void negativeDurationIsRejected(String property, DurationSetter setter) {
		setter.set(this.properties, Duration.ofMillis(-1));
		assertThatExceptionOfType(CortiConfigurationException.class).isThrownBy(this.properties::validate)
			.satisfies((ex) -> {
				assertThat(ex.getProperty()).isEqualTo(property);
				assertThat(ex.getProblem()).contains("not a positive duration");
			});
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("durations")
	void oneMillisecondIsPositiveEnough(String property, DurationSetter setter) {
		// Keep the renewal longer than the margin whichever of the two is set.
		this.properties.getToken().setRenewBeforeExpiry(Duration.ofMillis(2));
		this.properties.getToken().setExpiryMargin(Duration.ofMillis(1));
		setter.set(this.properties,
				property.equals("corti.token.renew-before-expiry") ? Duration.ofMillis(2) : Duration.ofMillis(1));
		assertThatNoException().isThrownBy(this.properties::validate);
	}

	@ParameterizedTest(name = "{0} = {2}")
	@MethodSource("counts")
	void countBelowItsMinimumIsRejected(String property, CountSetter setter, int minimum) {
		setter.set(this.properties, minimum - 1);
		assertThatExceptionOfType(CortiConfigurationException.class).isThrownBy(this.properties::validate)
			.satisfies((ex) -> {
				assertThat(ex.getProperty()).isEqualTo(property);
				assertThat(ex.getProblem()).isEqualTo("is " + (minimum - 1) + ", below the minimum of " + minimum);
				assertThat(ex.getAction()).startsWith("Set " + property + " to " + minimum + " or more");
			});
	}

	@ParameterizedTest(name = "{0} = {2}")
	@MethodSource("counts")
	void countAtItsMinimumIsAccepted(String property, CountSetter setter, int minimum) {
		setter.set(this.properties, minimum);
		assertThatNoException().isThrownBy(this.properties::validate);
	}

	@ParameterizedTest
	@ValueSource(doubles = { -0.01, 1.01, Double.NaN, Double.POSITIVE_INFINITY })
	void budgetRatioOutsideZeroToOneIsRejected(double ratio) {
		this.properties.getHttp().getRetry().getBudget().setRatio(ratio);
		assertThatExceptionOfType(CortiConfigurationException.class).isThrownBy(this.properties::validate)
			.satisfies((ex) -> {
				assertThat(ex.getProperty()).isEqualTo("corti.http.retry.budget.ratio");
				assertThat(ex.getProblem()).isEqualTo("is " + ratio + ", not a fraction between 0 and 1");
			});
	}

	@ParameterizedTest
	@ValueSource(doubles = { 0, 0.5, 1 })
	void budgetRatioFromZeroToOneIsAccepted(double ratio) {
		this.properties.getHttp().getRetry().getBudget().setRatio(ratio);
		assertThatNoException().isThrownBy(this.properties::validate);
	}

	@Test
	void renewalNoEarlierThanTheExpiryMarginIsRejectedNamingBothProperties() {
		this.properties.getToken().setRenewBeforeExpiry(Duration.ofSeconds(30));
		this.properties.getToken().setExpiryMargin(Duration.ofSeconds(30));
		assertThatExceptionOfType(CortiConfigurationException.class).isThrownBy(this.properties::validate)
			.satisfies((ex) -> {
				assertThat(ex.getProperty()).isEqualTo("corti.token.renew-before-expiry");
				assertThat(ex.getProblem()).isEqualTo("(30s) is not longer than corti.token.expiry-margin (30s), "
						+ "or every renewal would make callers wait");
				assertThat(ex.getAction())
					.isEqualTo("Set corti.token.renew-before-expiry longer than corti.token.expiry-margin, "
							+ "or remove both to use the defaults.");
			});
	}

	@Test
	void renewalShorterThanTheExpiryMarginIsRejectedInTheUnitsOfProperties() {
		this.properties.getToken().setRenewBeforeExpiry(Duration.ofMillis(1500));
		this.properties.getToken().setExpiryMargin(Duration.ofSeconds(2));
		assertThatExceptionOfType(CortiConfigurationException.class).isThrownBy(this.properties::validate)
			.satisfies((ex) -> assertThat(ex.getProblem())
				.startsWith("(1500ms) is not longer than corti.token.expiry-margin (2s)"));
	}

	@Test
	void renewalJustLongerThanTheExpiryMarginIsAccepted() {
		this.properties.getToken().setRenewBeforeExpiry(Duration.ofMillis(30001));
		this.properties.getToken().setExpiryMargin(Duration.ofSeconds(30));
		assertThatNoException().isThrownBy(this.properties::validate);
	}

	@Test
	void aNonPositiveExpiryMarginIsReportedBeforeTheRelation() {
		this.properties.getToken().setExpiryMargin(Duration.ofSeconds(-10));
		assertThatExceptionOfType(CortiConfigurationException.class).isThrownBy(this.properties::validate)
			.satisfies((ex) -> assertThat(ex.getProperty()).isEqualTo("corti.token.expiry-margin"));
	}

	@Test
	void bindingValidates() {
		this.properties.getHttp().setMaxConnections(0);
		assertThatExceptionOfType(CortiConfigurationException.class).isThrownBy(this.properties::afterPropertiesSet)
			.satisfies((ex) -> assertThat(ex.getProperty()).isEqualTo("corti.http.max-connections"));
	}

	@Test
	void toStringHidesTheSecret() {
		this.properties.setClientId("my-client");
		this.properties.setClientSecret("properties-secret-8642");
		assertThat(this.properties.toString()).contains("clientId=my-client", "clientSecret=[hidden]")
			.doesNotContain("properties-secret-8642");
	}

	static Stream<Arguments> durations() {
		return Stream.of(duration("corti.token.renew-before-expiry", (p, d) -> p.getToken().setRenewBeforeExpiry(d)),
				duration("corti.token.expiry-margin", (p, d) -> p.getToken().setExpiryMargin(d)),
				duration("corti.token.default-lifetime", (p, d) -> p.getToken().setDefaultLifetime(d)),
				duration("corti.token.connect-timeout", (p, d) -> p.getToken().setConnectTimeout(d)),
				duration("corti.token.read-timeout", (p, d) -> p.getToken().setReadTimeout(d)),
				duration("corti.token.failure-backoff", (p, d) -> p.getToken().setFailureBackoff(d)),
				duration("corti.token.retry.initial-backoff", (p, d) -> p.getToken().getRetry().setInitialBackoff(d)),
				duration("corti.token.retry.max-backoff", (p, d) -> p.getToken().getRetry().setMaxBackoff(d)),
				duration("corti.token.retry.max-retry-after", (p, d) -> p.getToken().getRetry().setMaxRetryAfter(d)),
				duration("corti.http.connect-timeout", (p, d) -> p.getHttp().setConnectTimeout(d)),
				duration("corti.http.read-timeout", (p, d) -> p.getHttp().setReadTimeout(d)),
				duration("corti.http.pending-acquire-timeout", (p, d) -> p.getHttp().setPendingAcquireTimeout(d)),
				duration("corti.http.retry.initial-backoff", (p, d) -> p.getHttp().getRetry().setInitialBackoff(d)),
				duration("corti.http.retry.max-backoff", (p, d) -> p.getHttp().getRetry().setMaxBackoff(d)),
				duration("corti.http.retry.max-retry-after", (p, d) -> p.getHttp().getRetry().setMaxRetryAfter(d)),
				duration("corti.http.retry.budget.window", (p, d) -> p.getHttp().getRetry().getBudget().setWindow(d)));
	}

	@Test
	void aProxyPortAbove65535IsRejected() {
		CortiProperties properties = new CortiProperties();
		properties.getHttp().getProxy().setPort(65536);
		assertThatExceptionOfType(CortiConfigurationException.class).isThrownBy(properties::validate)
			.satisfies((ex) -> {
				assertThat(ex.getProperty()).isEqualTo("corti.http.proxy.port");
				assertThat(ex.getProblem()).isEqualTo("is 65536, above the maximum of 65535");
			});
		properties.getHttp().getProxy().setPort(65535);
		properties.validate();
	}

	static Stream<Arguments> counts() {
		return Stream.of(
				count("corti.token.retry.max-attempts", (p, n) -> p.getToken().getRetry().setMaxAttempts(n), 1),
				count("corti.http.max-connections", (p, n) -> p.getHttp().setMaxConnections(n), 1),
				count("corti.http.max-pending-requests", (p, n) -> p.getHttp().setMaxPendingRequests(n), -1),
				count("corti.http.proxy.port", (p, n) -> p.getHttp().getProxy().setPort(n), 1),
				count("corti.http.retry.max-retries", (p, n) -> p.getHttp().getRetry().setMaxRetries(n), 0),
				count("corti.http.retry.budget.min-retries",
						(p, n) -> p.getHttp().getRetry().getBudget().setMinRetries(n), 0));
	}

	private static Arguments duration(String property, DurationSetter setter) {
		return Arguments.of(property, setter);
	}

	private static Arguments count(String property, CountSetter setter, int minimum) {
		return Arguments.of(property, setter, minimum);
	}

	/** Sets one duration of the properties. */
	@FunctionalInterface
	interface DurationSetter {

		void set(CortiProperties properties, Duration value);

	}

	/** Sets one count of the properties. */
	@FunctionalInterface
	interface CountSetter {

		void set(CortiProperties properties, int value);

	}

}
