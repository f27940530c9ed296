package ai.corti.spring.auth.standin;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.databind.ObjectMapper;

/**
 * The Keycloak-shaped token endpoint,
 * {@code /realms/{tenant}/protocol/openid-connect/token}: the tenants (realms) it serves
 * and their client credentials, the scopes a client may ask for, and how it issues tokens
 * (lifetime, {@code expires_in}, delay). Scripted answers come before every check.
 * Thread-safe.
 */
final class StandInTokenEndpoint {

	/** Every token endpoint path starts with this. */
	static final String PATH_PREFIX = "/realms/";

	private static final String PATH_SUFFIX = "/protocol/openid-connect/token";

	private static final Set<String> DEFAULT_SCOPES = Set.of("openid", "profile", "email", "streams", "transcribe");

	private static final Duration DEFAULT_LIFETIME = Duration.ofSeconds(300);

	private static final ObjectMapper json = new ObjectMapper();

	private final Supplier<String> origin;

	private final IssuedTokens tokens;

	private final StandInScript script = new StandInScript();

	private final Map<String, Credentials> otherTenants = new ConcurrentHashMap<>();

	private volatile String tenant = CortiStandIn.DEFAULT_TENANT;

	private volatile Credentials credentials = new Credentials(CortiStandIn.DEFAULT_CLIENT_ID,
			CortiStandIn.DEFAULT_CLIENT_SECRET);

	private volatile Set<String> allowedScopes = DEFAULT_SCOPES;

	private volatile Duration lifetime = DEFAULT_LIFETIME;

	private volatile boolean sendExpiresIn = true;

	private volatile Duration delay = Duration.ZERO;

	/**
	 * Creates the token endpoint of a stand-in.
	 * @param origin the stand-in's scheme, host and port, for token URIs and the
	 * {@code iss} claim
	 * @param tokens where issued tokens go
	 */
	StandInTokenEndpoint(Supplier<String> origin, IssuedTokens tokens) {
		this.origin = origin;
		this.tokens = tokens;
	}

	String uri(String tenant) {
		return this.origin.get() + PATH_PREFIX + tenant + PATH_SUFFIX;
	}

	String tenant() {
		return this.tenant;
	}

	String clientId() {
		return this.credentials.clientId();
	}

	String clientSecret() {
		return this.credentials.clientSecret();
	}

	void tenant(String tenant) {
		this.tenant = tenant;
	}

	void client(String clientId, String clientSecret) {
		this.credentials = new Credentials(clientId, clientSecret);
	}

	void addTenant(String tenant, String clientId, String clientSecret) {
		this.otherTenants.put(tenant, new Credentials(clientId, clientSecret));
	}

	void allowedScopes(Set<String> scopes) {
		this.allowedScopes = scopes;
	}

	void lifetime(Duration lifetime) {
		this.lifetime = lifetime;
	}

	void sendExpiresIn(boolean sendExpiresIn) {
		this.sendExpiresIn = sendExpiresIn;
	}

	void delay(Duration delay) {
		this.delay = delay;
	}

	/**
	 * Queues {@code answer} for the next {@code count} token requests, whatever their
	 * realm and credentials.
	 * @param count how many token requests get the answer
	 * @param answer the answer they get
	 */
	void answerNext(int count, StandInAnswer answer) {
		this.script.queue(count, answer);
	}

	/**
	 * Forgets scripted answers and restores the default lifetime, {@code expires_in} and
	 * delay; keeps the tenants, credentials and allowed scopes.
	 */
	void reset() {
		this.script.clear();
		this.lifetime = DEFAULT_LIFETIME;
		this.sendExpiresIn = true;
		this.delay = Duration.ZERO;
	}

	/**
	 * Answers a token request after the delay: a scripted answer if one is queued, else a
	 * token or a Keycloak-shaped error.
	 * @param request the token request
	 * @param path its path, without the query
	 * @return the answer, once the delay is over
	 */
	Mono<StandInAnswer> answer(RecordedRequest request, String path) {
		return Mono.delay(this.delay).then(Mono.fromSupplier(() -> answerNow(request, path)));
	}

	private StandInAnswer answerNow(RecordedRequest request, String path) {
		StandInAnswer scripted = this.script.poll();
		if (scripted != null) {
			return scripted;
		}
		String realm = realmOf(path);
		Credentials expected = (realm != null) ? credentialsOf(realm) : null;
		if (realm == null || expected == null) {
			return StandInAnswer.json(404, "{\"error\":\"Realm does not exist\"}");
		}
		if (!"POST".equals(request.method())) {
			return new StandInAnswer(405, "text/plain", "");
		}
		String contentType = request.header("Content-Type");
		if (contentType == null || !contentType.startsWith("application/x-www-form-urlencoded")) {
			return StandInAnswer.keycloakError(400, "invalid_request", "Missing form parameter: grant_type");
		}
		if (!"client_credentials".equals(request.form().get("grant_type"))) {
			return StandInAnswer.keycloakError(400, "unsupported_grant_type", "Unsupported grant_type");
		}
		SentCredentials sent = SentCredentials.of(request);
		if (!expected.clientId().equals(sent.clientId())) {
			return StandInAnswer.keycloakError(401, "invalid_client", "Invalid client or Invalid client credentials");
		}
		if (!expected.clientSecret().equals(sent.clientSecret())) {
			return StandInAnswer.keycloakError(401, "unauthorized_client",
					"Invalid client or Invalid client credentials");
		}
		Set<String> scopes = new LinkedHashSet<>(
				Arrays.asList(request.form().getOrDefault("scope", "openid").trim().split("\\s+")));
		for (String scope : scopes) {
			if (!this.allowedScopes.contains(scope)) {
				return StandInAnswer.keycloakError(400, "invalid_scope", "Invalid scopes: " + String.join(" ", scopes));
			}
		}
		return issue(realm, expected.clientId(), scopes);
	}

	private @Nullable Credentials credentialsOf(String realm) {
		return this.tenant.equals(realm) ? this.credentials : this.otherTenants.get(realm);
	}

	private static @Nullable String realmOf(String path) {
		if (!path.startsWith(PATH_PREFIX) || !path.endsWith(PATH_SUFFIX)
				|| path.length() <= PATH_PREFIX.length() + PATH_SUFFIX.length()) {
			return null;
		}
		String realm = path.substring(PATH_PREFIX.length(), path.length() - PATH_SUFFIX.length());
		return realm.contains("/") ? null : realm;
	}

	private StandInAnswer issue(String tenant, String clientId, Set<String> scopes) {
		Instant now = Instant.now();
		Duration lifetime = this.lifetime;
		Instant expiresAt = now.plus(lifetime);
		String token = jwt(now, expiresAt, tenant, clientId, scopes);
		this.tokens.add(token, tenant, expiresAt);
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("access_token", token);
		if (this.sendExpiresIn) {
			body.put("expires_in", lifetime.toSeconds());
		}
		body.put("refresh_expires_in", 0);
		body.put("token_type", "Bearer");
		body.put("id_token", jwt(now, expiresAt, tenant, clientId, Set.of("openid")));
		body.put("not-before-policy", 0);
		Set<String> granted = new LinkedHashSet<>(scopes);
		granted.addAll(List.of("email", "profile"));
		body.put("scope", String.join(" ", granted));
		return StandInAnswer.jsonOf(200, body);
	}

	private String jwt(Instant issuedAt, Instant expiresAt, String tenant, String clientId, Set<String> scopes) {
		Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
		Map<String, Object> claims = new LinkedHashMap<>();
		claims.put("exp", expiresAt.getEpochSecond());
		claims.put("iat", issuedAt.getEpochSecond());
		claims.put("jti", UUID.randomUUID().toString());
		claims.put("iss", this.origin.get() + PATH_PREFIX + tenant);
		claims.put("azp", clientId);
		claims.put("scope", String.join(" ", scopes));
		String header = encoder.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
		String payload = encoder.encodeToString(json.writeValueAsBytes(claims));
		String signature = encoder.encodeToString(UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
		return header + "." + payload + "." + signature;
	}

	private record Credentials(String clientId, String clientSecret) {
	}

	/**
	 * The client id and secret a token request sent, each {@code null} when not sent.
	 *
	 * @param clientId the client id sent
	 * @param clientSecret the client secret sent
	 */
	private record SentCredentials(@Nullable String clientId, @Nullable String clientSecret) {

		/**
		 * Reads the credentials from HTTP Basic authentication (URL-encoded, as OAuth 2
		 * asks) or else from the form fields.
		 * @param request the token request
		 * @return the credentials it sent
		 */
		static SentCredentials of(RecordedRequest request) {
			String authorization = request.header("Authorization");
			if (authorization != null && authorization.startsWith("Basic ")) {
				String decoded = new String(Base64.getDecoder().decode(authorization.substring(6)),
						StandardCharsets.UTF_8);
				int colon = decoded.indexOf(':');
				if (colon >= 0) {
					return new SentCredentials(URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8),
							URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8));
				}
			}
			return new SentCredentials(request.form().get("client_id"), request.form().get("client_secret"));
		}

	}

}
