package ai.corti.spring.auth;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link IssuedToken}: when a token may be handed out and when its renewal is due.
 */
class IssuedTokenTests {

	private static final Instant ISSUED = Instant.parse("2026-03-01T12:00:00Z");

	private final IssuedToken token = new IssuedToken("issued-token-value-2468", ISSUED, ISSUED.plusSeconds(300),
			ISSUED.plusSeconds(180), ISSUED.plusSeconds(270));

	@Test
	void usableUntilJustBeforeTheMargin() {
		assertThat(this.token.isUsableAt(ISSUED)).isTrue();
		assertThat(this.token.isUsableAt(ISSUED.plusSeconds(270).minusNanos(1))).isTrue();
		assertThat(this.token.isUsableAt(ISSUED.plusSeconds(270))).isFalse();
		assertThat(this.token.isUsableAt(ISSUED.plusSeconds(300))).isFalse();
	}

	@Test
	void dueForRenewalFromTheRenewalInstantOn() {
		assertThat(this.token.isDueForRenewalAt(ISSUED)).isFalse();
		assertThat(this.token.isDueForRenewalAt(ISSUED.plusSeconds(180).minusNanos(1))).isFalse();
		assertThat(this.token.isDueForRenewalAt(ISSUED.plusSeconds(180))).isTrue();
		assertThat(this.token.isDueForRenewalAt(ISSUED.plusSeconds(301))).isTrue();
	}

	@Test
	void lifetimeRunsFromIssueToExpiry() {
		assertThat(this.token.lifetime()).isEqualTo(Duration.ofMinutes(5));
	}

	@Test
	void toStringShowsTheInstantsButNeverTheToken() {
		assertThat(this.token.toString())
			.contains("issuedAt=2026-03-01T12:00:00Z", "expiresAt=2026-03-01T12:05:00Z", "renewAt=2026-03-01T12:03:00Z",
					"usableUntil=2026-03-01T12:04:30Z")
			.doesNotContain("issued-token-value-2468");
	}

}
