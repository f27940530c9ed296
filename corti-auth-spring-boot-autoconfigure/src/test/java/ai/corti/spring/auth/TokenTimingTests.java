package ai.corti.spring.auth;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class TokenTimingTests {

	private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

	private final TokenTiming defaults = new TokenTiming(Duration.ofSeconds(120), Duration.ofSeconds(30));

	@Test
	void corti300SecondTokenIsRenewedTwoMinutesEarlyAndNotSentInItsLast30Seconds() {
		IssuedToken token = this.defaults.schedule("t", T0, Duration.ofSeconds(300));
		assertThat(token.renewAt()).isEqualTo(T0.plusSeconds(180));
		assertThat(token.usableUntil()).isEqualTo(T0.plusSeconds(270));
		assertThat(token.expiresAt()).isEqualTo(T0.plusSeconds(300));
	}

	@Test
	void sixSecondTokenIsUsedForAtLeastAThirdOfItsLife() {
		IssuedToken token = this.defaults.schedule("t", T0, Duration.ofSeconds(6));
		assertThat(token.renewAt()).isEqualTo(T0.plusSeconds(2));
		assertThat(token.usableUntil()).isEqualTo(T0.plusSeconds(4));
		assertThat(Duration.between(T0, token.usableUntil())).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
	}

	@Test
	void tenSecondTokenStartsRenewalBeforeItStopsBeingHandedOut() {
		IssuedToken token = this.defaults.schedule("t", T0, Duration.ofSeconds(10));
		assertThat(token.renewAt()).isBefore(token.usableUntil());
		assertThat(token.isUsableAt(T0.plusSeconds(6))).isTrue();
		assertThat(token.isUsableAt(T0.plusSeconds(7))).isFalse();
	}

	@ParameterizedTest
	@ValueSource(longs = { 6, 60, 300, 3600 })
	void renewalAlwaysStartsBeforeTheTokenStopsBeingHandedOut(long lifetimeSeconds) {
		TokenTiming close = new TokenTiming(Duration.ofSeconds(31), Duration.ofSeconds(30));
		IssuedToken token = close.schedule("t", T0, Duration.ofSeconds(lifetimeSeconds));
		assertThat(token.renewAt()).isBefore(token.usableUntil());
	}

	@ParameterizedTest
	@ValueSource(longs = { 5, 30 })
	void renewBeforeExpiryNoLongerThanTheMarginIsRejected(long renewBeforeSeconds) {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new TokenTiming(Duration.ofSeconds(renewBeforeSeconds), Duration.ofSeconds(30)))
			.withMessageContaining("renewBeforeExpiry")
			.withMessageContaining("expiryMargin");
	}

	@Test
	void toStringNeverShowsTheToken() {
		assertThat(this.defaults.schedule("secret-token-value", T0, Duration.ofSeconds(300)).toString())
			.doesNotContain("secret-token-value");
	}

}
