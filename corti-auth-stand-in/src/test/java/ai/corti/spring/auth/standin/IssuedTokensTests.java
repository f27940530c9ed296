package ai.corti.spring.auth.standin;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which issued tokens are accepted, and for which tenant.
 */
class IssuedTokensTests {

	private final IssuedTokens tokens = new IssuedTokens();

	private final Instant inAMinute = Instant.now().plusSeconds(60);

	@Test
	void acceptsAnIssuedTokenForItsTenantUntilItExpires() {
		this.tokens.add("current", "base", this.inAMinute);
		this.tokens.add("expired", "base", Instant.now().minusSeconds(1));
		assertThat(this.tokens.acceptedTenant("current")).isEqualTo("base");
		assertThat(this.tokens.acceptedTenant("expired")).isNull();
		assertThat(this.tokens.acceptedTenant("never-issued")).isNull();
		assertThat(this.tokens.acceptedTenant(null)).isNull();
	}

	@Test
	void knowsEachTokensOwnTenant() {
		this.tokens.add("base-token", "base", this.inAMinute);
		this.tokens.add("acme-token", "acme", this.inAMinute);
		assertThat(this.tokens.acceptedTenant("base-token")).isEqualTo("base");
		assertThat(this.tokens.acceptedTenant("acme-token")).isEqualTo("acme");
	}

	@Test
	void revokedTokensAreNotAcceptedButStayInTheHistory() {
		this.tokens.add("first", "base", this.inAMinute);
		this.tokens.add("second", "base", this.inAMinute);
		this.tokens.add("third", "base", this.inAMinute);
		this.tokens.revoke("first");
		assertThat(this.tokens.acceptedTenant("first")).isNull();
		assertThat(this.tokens.notRevoked()).containsExactlyInAnyOrder("second", "third");
		this.tokens.revokeAll();
		assertThat(this.tokens.acceptedTenant("second")).isNull();
		assertThat(this.tokens.notRevoked()).isEmpty();
		assertThat(this.tokens.history()).containsExactly("first", "second", "third");
	}

	@Test
	void notRevokedIncludesExpiredTokens() {
		this.tokens.add("expired", "base", Instant.now().minusSeconds(1));
		assertThat(this.tokens.notRevoked()).containsExactly("expired");
	}

	@Test
	void rejectingEveryTokenCoversTokensIssuedLaterUntilReset() {
		this.tokens.add("before", "base", this.inAMinute);
		this.tokens.rejectEvery(true);
		this.tokens.add("after", "base", this.inAMinute);
		assertThat(this.tokens.acceptedTenant("before")).isNull();
		assertThat(this.tokens.acceptedTenant("after")).isNull();
		this.tokens.reset();
		assertThat(this.tokens.acceptedTenant("before")).isEqualTo("base");
		assertThat(this.tokens.acceptedTenant("after")).isEqualTo("base");
	}

}
