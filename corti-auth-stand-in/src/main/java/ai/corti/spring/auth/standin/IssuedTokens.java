package ai.corti.spring.auth.standin;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.jspecify.annotations.Nullable;

/**
 * The access tokens the stand-in issued, for which tenant and until when, and which of
 * them the API and the WebSocket endpoints accept: not revoked, not expired, and not
 * while every token is rejected. Thread-safe.
 */
final class IssuedTokens {

	private final Map<String, Issued> notRevoked = new ConcurrentHashMap<>();

	private final Queue<String> history = new ConcurrentLinkedQueue<>();

	private volatile boolean rejectEvery;

	void add(String token, String tenant, Instant expiresAt) {
		this.notRevoked.put(token, new Issued(expiresAt, tenant));
		this.history.add(token);
	}

	/**
	 * The tenant an accepted token was issued for.
	 * @param token the access token, without the {@code Bearer} prefix, or {@code null}
	 * when the request carried none
	 * @return the token's tenant, or {@code null} when the token is not accepted
	 */
	@Nullable String acceptedTenant(@Nullable String token) {
		Issued issued = (token != null) ? this.notRevoked.get(token) : null;
		if (issued == null || !issued.isValid() || this.rejectEvery) {
			return null;
		}
		return issued.tenant();
	}

	void revoke(String token) {
		this.notRevoked.remove(token);
	}

	void revokeAll() {
		this.notRevoked.clear();
	}

	void rejectEvery(boolean reject) {
		this.rejectEvery = reject;
	}

	List<String> history() {
		return List.copyOf(this.history);
	}

	Set<String> notRevoked() {
		return Set.copyOf(this.notRevoked.keySet());
	}

	/**
	 * Stops rejecting every token; keeps the tokens, so a client's cached token stays
	 * valid across tests.
	 */
	void reset() {
		this.rejectEvery = false;
	}

	/** A token the stand-in issued: until when, and for which tenant. */
	private record Issued(Instant expiresAt, String tenant) {

		boolean isValid() {
			return Instant.now().isBefore(this.expiresAt);
		}

	}

}
