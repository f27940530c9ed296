package ai.corti.spring.auth.keycloak;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

import org.springframework.boot.json.JsonParserFactory;

/**
 * The claims of a JWT access token, read without verifying the signature: the tests only
 * need to see which server issued the token, for which client, and until when it is
 * valid.
 */
record Jwt(Map<String, Object> claims) {

	static Jwt parse(String token) {
		String[] parts = token.split("\\.");
		if (parts.length != 3) {
			throw new IllegalArgumentException("Not a JWT: " + parts.length + " parts");
		}
		String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
		return new Jwt(JsonParserFactory.getJsonParser().parseMap(payload));
	}

	String issuer() {
		return (String) this.claims.get("iss");
	}

	/** The client the token was issued to. */
	String authorizedParty() {
		return (String) this.claims.get("azp");
	}

	String scope() {
		return (String) this.claims.get("scope");
	}

	Instant issuedAt() {
		return Instant.ofEpochSecond(((Number) this.claims.get("iat")).longValue());
	}

	Instant expiresAt() {
		return Instant.ofEpochSecond(((Number) this.claims.get("exp")).longValue());
	}

}
