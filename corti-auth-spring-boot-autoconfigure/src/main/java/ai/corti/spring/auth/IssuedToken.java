package ai.corti.spring.auth;

import java.time.Duration;
import java.time.Instant;

/**
 * An access token with the instants that govern its use: renewal starts at
 * {@code renewAt}; it is handed out only before {@code usableUntil}, a safety margin
 * ahead of {@code expiresAt}.
 */
record IssuedToken(String value, Instant issuedAt, Instant expiresAt, Instant renewAt, Instant usableUntil) {

	boolean isUsableAt(Instant now) {
		return now.isBefore(this.usableUntil);
	}

	boolean isDueForRenewalAt(Instant now) {
		return !now.isBefore(this.renewAt);
	}

	Duration lifetime() {
		return Duration.between(this.issuedAt, this.expiresAt);
	}

	@Override
	public String toString() {
		return "IssuedToken[issuedAt=" + this.issuedAt + ", expiresAt=" + this.expiresAt + ", renewAt=" + this.renewAt
				+ ", usableUntil=" + this.usableUntil + "]";
	}

}
