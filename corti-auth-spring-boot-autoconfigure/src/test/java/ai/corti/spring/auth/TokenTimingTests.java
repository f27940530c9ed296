package ai.corti.spring.auth;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

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

	@Test
	void renewalNeverStartsAfterTheTokenStopsBeingHandedOut() {
		TokenTiming odd = new TokenTiming(Duration.ofSeconds(5), Duration.ofSeconds(60));
		IssuedToken token = odd.schedule("t", T0, Duration.ofSeconds(300));
		assertThat(token.renewAt()).isEqualTo(token.usableUntil()).isEqualTo(T0.plusSeconds(240));
	}

	@Test
	void toStringNeverShowsTheToken() {
		assertThat(this.defaults.schedule("secret-token-value", T0, Duration.ofSeconds(300)).toString())
			.doesNotContain("secret-token-value");
	}

}
