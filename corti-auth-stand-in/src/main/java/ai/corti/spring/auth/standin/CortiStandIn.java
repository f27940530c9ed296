package ai.corti.spring.auth.standin;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;

import io.netty.handler.codec.http.HttpHeaderNames;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import tools.jackson.databind.ObjectMapper;

/**
 * A local stand-in for Corti, on a free loopback port: a Keycloak-shaped token endpoint
 * ({@code /realms/{tenant}/protocol/openid-connect/token}) and a small part of the REST
 * API under {@code /v2} ({@code /interactions/}) plus the real-time WebSocket endpoints
 * under {@code /audio-bridge/v2}. It checks credentials, bearer tokens and the
 * {@code Tenant-Name} header the way Corti does, can be scripted to misbehave (short
 * lifetimes, no {@code expires_in}, delays, 5xx, malformed bodies, Keycloak errors,
 * revoked tokens, canned API answers) and records every request for assertions.
 * Thread-safe. <pre>{@code
 * try (CortiStandIn corti = CortiStandIn.start()) {
 *     corti.tokenLifetime(Duration.ofSeconds(10));
 *     // point corti.token-uri / corti.base-url at corti.tokenUri() / corti.baseUrl()
 * }
 * }</pre>
 *
 * @since 0.1.0
 */
public final class CortiStandIn implements AutoCloseable {

	/** Tenant the stand-in serves unless told otherwise. */
	public static final String DEFAULT_TENANT = "base";

	/** Client id the stand-in accepts unless told otherwise. */
	public static final String DEFAULT_CLIENT_ID = "stand-in-client";

	/** Client secret the stand-in accepts unless told otherwise. */
	public static final String DEFAULT_CLIENT_SECRET = "stand-in-secret";

	private static final ObjectMapper json = new ObjectMapper();

	private final DisposableServer server;

	private final Queue<RecordedRequest> tokenRequests = new ConcurrentLinkedQueue<>();

	private final Queue<RecordedRequest> apiRequests = new ConcurrentLinkedQueue<>();

	private final Queue<RecordedRequest> webSocketRequests = new ConcurrentLinkedQueue<>();

	private final Map<String, Issued> issuedTokens = new ConcurrentHashMap<>();

	private final Map<String, Credentials> otherTenants = new ConcurrentHashMap<>();

	private final Queue<String> tokenHistory = new ConcurrentLinkedQueue<>();

	private final Map<String, Map<String, Object>> interactions = Collections.synchronizedMap(new LinkedHashMap<>());

	private final Queue<ScriptedAnswer> tokenScript = new ConcurrentLinkedQueue<>();

	private final Map<String, ScriptedAnswer> cannedApiAnswers = new ConcurrentHashMap<>();

	private final Queue<ScriptedAnswer> apiScript = new ConcurrentLinkedQueue<>();

	private final Queue<ScriptedAnswer> apiFailures = new ConcurrentLinkedQueue<>();

	private volatile @Nullable ScriptedAnswer lastingApiFailure;

	private volatile String tenant = DEFAULT_TENANT;

	private volatile String clientId = DEFAULT_CLIENT_ID;

	private volatile String clientSecret = DEFAULT_CLIENT_SECRET;

	private volatile Set<String> allowedScopes = Set.of("openid", "profile", "email", "streams", "transcribe");

	private volatile Duration tokenLifetime = Duration.ofSeconds(300);

	private volatile boolean sendExpiresIn = true;

	private volatile Duration tokenDelay = Duration.ZERO;

	private volatile boolean rejectEveryToken;

	private volatile boolean recordApiRequests = true;

	private CortiStandIn() {
		this.server = HttpServer.create().host("127.0.0.1").port(0).handle(this::handle).bindNow();
	}

	/**
	 * Starts a stand-in on a free port of {@code 127.0.0.1}; close it to stop the server.
	 * @return the running stand-in
	 */
	public static CortiStandIn start() {
		return new CortiStandIn();
	}

	// ---- where it is ----

	/**
	 * The port the stand-in listens on.
	 * @return the port on {@code 127.0.0.1}
	 */
	public int port() {
		return this.server.port();
	}

	/**
	 * Token endpoint for the current tenant: the value for {@code corti.token-uri}.
	 * @return the token endpoint URI of {@link #tenant()}
	 */
	public String tokenUri() {
		return tokenUri(this.tenant);
	}

	/**
	 * Token endpoint of {@code tenant} (see {@link #addTenant(String, String, String)}).
	 * The URI is built whether or not the stand-in serves that tenant; one it does not
	 * serve answers {@code 404}.
	 * @param tenant the tenant (realm) name
	 * @return the token endpoint URI of {@code tenant}
	 */
	public String tokenUri(String tenant) {
		return origin() + "/realms/" + tenant + "/protocol/openid-connect/token";
	}

	/**
	 * API base URL: the value for {@code corti.base-url}.
	 * @return the origin followed by {@code /v2}
	 */
	public String baseUrl() {
		return origin() + "/v2";
	}

	/**
	 * Scheme, host and port of the stand-in, without a path.
	 * @return {@code http://127.0.0.1:<port>}
	 */
	public String origin() {
		return "http://127.0.0.1:" + port();
	}

	/**
	 * The tenant (realm) the stand-in serves with {@link #clientId()} and
	 * {@link #clientSecret()}.
	 * @return the current tenant, {@link #DEFAULT_TENANT} unless set with
	 * {@link #tenant(String)}
	 */
	public String tenant() {
		return this.tenant;
	}

	/**
	 * The {@code corti.*} properties that point an application at this stand-in (token
	 * URI, base URL, tenant and credentials), as {@code name=value} pairs for
	 * {@code ApplicationContextRunner.withPropertyValues} or {@code TestPropertyValues}.
	 * @return the {@code corti.token-uri}, {@code corti.base-url},
	 * {@code corti.tenant-name}, {@code corti.client-id} and {@code corti.client-secret}
	 * pairs for the current tenant
	 */
	public String[] propertyValues() {
		return new String[] { "corti.token-uri=" + tokenUri(), "corti.base-url=" + baseUrl(),
				"corti.tenant-name=" + this.tenant, "corti.client-id=" + this.clientId,
				"corti.client-secret=" + this.clientSecret };
	}

	/**
	 * The client id the stand-in accepts for the current tenant.
	 * @return the client id, {@link #DEFAULT_CLIENT_ID} unless set with
	 * {@link #client(String, String)}
	 */
	public String clientId() {
		return this.clientId;
	}

	/**
	 * The client secret the stand-in accepts for the current tenant.
	 * @return the client secret, {@link #DEFAULT_CLIENT_SECRET} unless set with
	 * {@link #client(String, String)}
	 */
	public String clientSecret() {
		return this.clientSecret;
	}

	// ---- configuration ----

	/**
	 * Serves {@code tenant} (realm) in place of the current tenant, with the current
	 * credentials; realms that are neither this one nor
	 * {@linkplain #addTenant(String, String, String) added} answer 404 like Keycloak.
	 * Kept by {@link #reset()}.
	 * @param tenant the tenant (realm) name
	 * @return this stand-in
	 */
	public CortiStandIn tenant(String tenant) {
		this.tenant = tenant;
		return this;
	}

	/**
	 * Serves one more tenant (realm) with its own client credentials, beside the current
	 * one: its tokens are accepted by the API only with {@code Tenant-Name: tenant}, and
	 * other tenants' tokens are not accepted with it. Kept by {@link #reset()}.
	 * @param tenant the tenant (realm) name
	 * @param clientId the client id accepted for {@code tenant}
	 * @param clientSecret the client secret accepted for {@code tenant}
	 * @return this stand-in
	 */
	public CortiStandIn addTenant(String tenant, String clientId, String clientSecret) {
		this.otherTenants.put(tenant, new Credentials(clientId, clientSecret));
		return this;
	}

	/**
	 * Accepts only these credentials for the current tenant. Kept by {@link #reset()}.
	 * @param clientId the client id to accept
	 * @param clientSecret the client secret to accept
	 * @return this stand-in
	 */
	public CortiStandIn client(String clientId, String clientSecret) {
		this.clientId = clientId;
		this.clientSecret = clientSecret;
		return this;
	}

	/**
	 * Scopes a client may ask for; a token request with any other scope gets
	 * {@code invalid_scope}. A request without {@code scope} asks for {@code openid}.
	 * Kept by {@link #reset()}.
	 * @param scopes the allowed scopes, in place of the default {@code openid},
	 * {@code profile}, {@code email}, {@code streams} and {@code transcribe}
	 * @return this stand-in
	 */
	public CortiStandIn allowedScopes(String... scopes) {
		this.allowedScopes = Set.of(scopes);
		return this;
	}

	/**
	 * Lifetime of tokens issued from now on (default 300 s), both their
	 * {@code expires_in} and their JWT {@code exp}.
	 * @param lifetime the lifetime of new tokens
	 * @return this stand-in
	 */
	public CortiStandIn tokenLifetime(Duration lifetime) {
		this.tokenLifetime = lifetime;
		return this;
	}

	/**
	 * Whether token answers carry {@code expires_in} (default true); the JWT's
	 * {@code exp} is always set.
	 * @param sendExpiresIn whether to send {@code expires_in}
	 * @return this stand-in
	 */
	public CortiStandIn sendExpiresIn(boolean sendExpiresIn) {
		this.sendExpiresIn = sendExpiresIn;
		return this;
	}

	/**
	 * Delay before every token answer, scripted ones included (default none).
	 * @param delay the delay before each answer of the token endpoint
	 * @return this stand-in
	 */
	public CortiStandIn tokenDelay(Duration delay) {
		this.tokenDelay = delay;
		return this;
	}

	/**
	 * The next {@code count} token requests, whatever their realm and credentials, get
	 * {@code status} with an empty body. A {@code status} of {@code 0} closes the
	 * connection without answering.
	 * @param count how many token requests fail
	 * @param status the HTTP status they get
	 * @return this stand-in
	 */
	public CortiStandIn failNextTokenRequests(int count, int status) {
		return failNextTokenRequests(count, status, Map.of());
	}

	/**
	 * The next {@code count} token requests, whatever their realm and credentials, get
	 * {@code status} with an empty body and these headers, such as {@code Retry-After}. A
	 * {@code status} of {@code 0} closes the connection without answering.
	 * @param count how many token requests fail
	 * @param status the HTTP status they get
	 * @param headers the headers they get, by name
	 * @return this stand-in
	 */
	public CortiStandIn failNextTokenRequests(int count, int status, Map<String, String> headers) {
		for (int i = 0; i < count; i++) {
			this.tokenScript.add(new ScriptedAnswer(status, "text/plain", "", headers));
		}
		return this;
	}

	/**
	 * The next token request, whatever its realm and credentials, is redirected
	 * ({@code 301}, {@code 302}, {@code 307}, {@code 308}) to {@code location}.
	 * @param status the redirect status
	 * @param location the value of the {@code Location} header
	 * @return this stand-in
	 */
	public CortiStandIn redirectNextTokenRequest(int status, String location) {
		this.tokenScript.add(new ScriptedAnswer(status, null, "", Map.of("Location", location)));
		return this;
	}

	/**
	 * The next token request, whatever its realm and credentials, gets a Keycloak-shaped
	 * error body {@code {"error":…,"error_description":…}}.
	 * @param status the HTTP status
	 * @param error the OAuth error code, such as {@code invalid_client}
	 * @param description the {@code error_description}
	 * @return this stand-in
	 */
	public CortiStandIn failNextTokenRequest(int status, String error, String description) {
		this.tokenScript.add(new ScriptedAnswer(status, "application/json", keycloakError(error, description)));
		return this;
	}

	/**
	 * The next token request, whatever its realm and credentials, gets exactly this
	 * answer, such as a malformed body with status 200.
	 * @param status the HTTP status
	 * @param contentType the value of the {@code Content-Type} header
	 * @param body the body
	 * @return this stand-in
	 */
	public CortiStandIn answerNextTokenRequest(int status, String contentType, String body) {
		this.tokenScript.add(new ScriptedAnswer(status, contentType, body));
		return this;
	}

	/**
	 * Every token issued so far is rejected by the API and the WebSocket endpoints from
	 * now on ({@code 401}, {@code WWW-Authenticate}); tokens issued later are accepted.
	 * @return this stand-in
	 */
	public CortiStandIn revokeAllTokens() {
		this.issuedTokens.clear();
		return this;
	}

	/**
	 * Whether API requests are recorded (default true). Turn it off for long load runs,
	 * where keeping every request would only cost memory; token and WebSocket requests
	 * are always recorded.
	 * @param record whether to record API requests
	 * @return this stand-in
	 */
	public CortiStandIn recordApiRequests(boolean record) {
		this.recordApiRequests = record;
		return this;
	}

	/**
	 * Whether the API and the WebSocket endpoints reject every token, including ones
	 * issued later, with {@code 401} (default false).
	 * @param reject whether to reject every token
	 * @return this stand-in
	 */
	public CortiStandIn rejectEveryToken(boolean reject) {
		this.rejectEveryToken = reject;
		return this;
	}

	/**
	 * This token is rejected by the API and the WebSocket endpoints from now on.
	 * @param accessToken the access token, without the {@code Bearer} prefix
	 * @return this stand-in
	 */
	public CortiStandIn revoke(String accessToken) {
		this.issuedTokens.remove(accessToken);
		return this;
	}

	/**
	 * Every authorized API request whose method and path (without query) match gets this
	 * answer instead, in place of an earlier {@code respond} or
	 * {@link #redirect(String, String, int, String) redirect} for them. Answers queued
	 * with {@link #respondToNextApiRequest(int, String)} come first.
	 * @param method the HTTP method in upper case, such as {@code GET}
	 * @param path the path, {@code /v2} prefix included, such as
	 * {@code /v2/interactions/}
	 * @param status the HTTP status
	 * @param jsonBody the body, sent as {@code application/json}
	 * @return this stand-in
	 */
	public CortiStandIn respond(String method, String path, int status, String jsonBody) {
		this.cannedApiAnswers.put(method + " " + path, new ScriptedAnswer(status, "application/json", jsonBody));
		return this;
	}

	/**
	 * The next authorized API request gets this answer, whatever its method and path.
	 * @param status the HTTP status
	 * @param jsonBody the body, sent as {@code application/json}
	 * @return this stand-in
	 */
	public CortiStandIn respondToNextApiRequest(int status, String jsonBody) {
		this.apiScript.add(new ScriptedAnswer(status, "application/json", jsonBody));
		return this;
	}

	/**
	 * Every authorized API request whose method and path (without query) match is
	 * redirected with {@code status} ({@code 301}, {@code 302}, {@code 303}, {@code 307},
	 * {@code 308}) to {@code location}, in place of an earlier
	 * {@link #respond(String, String, int, String) respond} or {@code redirect} for them.
	 * @param method the HTTP method in upper case, such as {@code GET}
	 * @param path the path, {@code /v2} prefix included, such as
	 * {@code /v2/interactions/}
	 * @param status the redirect status
	 * @param location the value of the {@code Location} header
	 * @return this stand-in
	 */
	public CortiStandIn redirect(String method, String path, int status, String location) {
		this.cannedApiAnswers.put(method + " " + path,
				new ScriptedAnswer(status, null, "", Map.of("Location", location)));
		return this;
	}

	/**
	 * The next {@code count} API requests, authorized or not, fail the way an overloaded
	 * gateway fails: {@code status} with a small JSON body and, when {@code retryAfter}
	 * is not {@code null}, a {@code Retry-After} header in seconds. A {@code status} of
	 * {@code 0} closes the connection without answering (an I/O error for the client).
	 * Queued failures come before a lasting one
	 * ({@link #failApiRequests(int, Duration)}).
	 * @param count how many API requests fail
	 * @param status the HTTP status they get, or {@code 0} to close the connection
	 * @param retryAfter the wait sent as {@code Retry-After}, in whole seconds, or
	 * {@code null} for no such header
	 * @return this stand-in
	 */
	public CortiStandIn failNextApiRequests(int count, int status, @Nullable Duration retryAfter) {
		for (int i = 0; i < count; i++) {
			this.apiFailures.add(apiFailure(status, retryAfter));
		}
		return this;
	}

	/**
	 * Like {@link #failNextApiRequests(int, int, Duration)} for every API request until
	 * {@link #clearApiFailures()}, in place of an earlier lasting failure.
	 * @param status the HTTP status they get, or {@code 0} to close the connection
	 * @param retryAfter the wait sent as {@code Retry-After}, in whole seconds, or
	 * {@code null} for no such header
	 * @return this stand-in
	 */
	public CortiStandIn failApiRequests(int status, @Nullable Duration retryAfter) {
		this.lastingApiFailure = apiFailure(status, retryAfter);
		return this;
	}

	/**
	 * Ends scripted API failures, queued and lasting.
	 * @return this stand-in
	 */
	public CortiStandIn clearApiFailures() {
		this.apiFailures.clear();
		this.lastingApiFailure = null;
		return this;
	}

	private static ScriptedAnswer apiFailure(int status, @Nullable Duration retryAfter) {
		Map<String, String> headers = (retryAfter != null)
				? Map.of("Retry-After", String.valueOf(retryAfter.toSeconds())) : Map.of();
		return new ScriptedAnswer(status, "application/json",
				"{\"title\":\"scripted failure\",\"status\":" + status + "}", headers);
	}

	/**
	 * Forgets recorded requests, scripts, canned answers, API failures and created
	 * interactions, and restores the defaults of {@link #tokenLifetime(Duration)},
	 * {@link #tokenDelay(Duration)}, {@link #sendExpiresIn(boolean)},
	 * {@link #rejectEveryToken(boolean)} and {@link #recordApiRequests(boolean)}; keeps
	 * the tenants, credentials, allowed scopes, the tokens already issued (so a client's
	 * cached token stays valid across tests) and the list of {@link #issuedTokens()}.
	 * @return this stand-in
	 */
	public CortiStandIn reset() {
		this.tokenRequests.clear();
		this.apiRequests.clear();
		this.webSocketRequests.clear();
		this.interactions.clear();
		this.tokenScript.clear();
		this.cannedApiAnswers.clear();
		this.apiScript.clear();
		clearApiFailures();
		this.tokenLifetime = Duration.ofSeconds(300);
		this.sendExpiresIn = true;
		this.tokenDelay = Duration.ZERO;
		this.rejectEveryToken = false;
		this.recordApiRequests = true;
		return this;
	}

	// ---- recordings ----

	/**
	 * Every request to the token endpoint since start or the last {@link #reset()}, in
	 * arrival order.
	 * @return a copy of the recorded token requests
	 */
	public List<RecordedRequest> tokenRequests() {
		return List.copyOf(this.tokenRequests);
	}

	/**
	 * How many requests reached the token endpoint since start or the last
	 * {@link #reset()}.
	 * @return the number of recorded token requests
	 */
	public int tokenRequestCount() {
		return this.tokenRequests.size();
	}

	/**
	 * Every WebSocket connection attempt to {@code /audio-bridge/…}, accepted or not,
	 * since start or the last {@link #reset()}, in arrival order.
	 * @return a copy of the recorded WebSocket requests
	 */
	public List<RecordedRequest> webSocketRequests() {
		return List.copyOf(this.webSocketRequests);
	}

	/**
	 * Every request to the REST API (outside the token endpoint and WebSockets) since
	 * start or the last {@link #reset()}, in arrival order, while
	 * {@linkplain #recordApiRequests(boolean) recording} was on.
	 * @return a copy of the recorded API requests
	 */
	public List<RecordedRequest> apiRequests() {
		return List.copyOf(this.apiRequests);
	}

	/**
	 * Every access token issued since start, revoked or not, in order (for leak checks);
	 * {@link #reset()} keeps them.
	 * @return a copy of the issued access tokens
	 */
	public List<String> issuedTokens() {
		return List.copyOf(this.tokenHistory);
	}

	/**
	 * Access tokens issued and not revoked, expired ones included.
	 * @return a copy of the access tokens not revoked
	 */
	public Set<String> validTokens() {
		return Set.copyOf(this.issuedTokens.keySet());
	}

	@Override
	public void close() {
		this.server.disposeNow();
	}

	// ---- HTTP handling ----

	private Mono<Void> handle(HttpServerRequest request, HttpServerResponse response) {
		if (request.uri().startsWith("/audio-bridge/")) {
			return handleWebSocket(request, response);
		}
		return request.receive().aggregate().asString(StandardCharsets.UTF_8).defaultIfEmpty("").flatMap((body) -> {
			RecordedRequest recorded = record(request, body);
			String path = pathOf(recorded.path());
			if (path.startsWith("/realms/")) {
				this.tokenRequests.add(recorded);
				return Mono.delay(this.tokenDelay).then(Mono.defer(() -> send(response, tokenAnswer(recorded, path))));
			}
			if (this.recordApiRequests) {
				this.apiRequests.add(recorded);
			}
			return send(response, apiAnswer(recorded, path));
		});
	}

	/**
	 * Corti's real-time endpoints: the token travels in the query string as
	 * {@code token=Bearer%20<token>}, with {@code tenant-name}. A valid connection gets
	 * one text message, {@code {"type":"CONNECTED","path":…}}.
	 * @param request the WebSocket upgrade request
	 * @param response the response to answer it on
	 * @return completes when the answer, or the WebSocket session, is done
	 */
	private Mono<Void> handleWebSocket(HttpServerRequest request, HttpServerResponse response) {
		RecordedRequest recorded = record(request, "");
		this.webSocketRequests.add(recorded);
		String path = pathOf(recorded.path());
		Map<String, String> query = parseForm(
				(recorded.path().indexOf('?') < 0) ? "" : recorded.path().substring(recorded.path().indexOf('?') + 1));
		String token = query.getOrDefault("token", "");
		Issued issued = token.startsWith("Bearer ") ? this.issuedTokens.get(token.substring(7)) : null;
		boolean known = path.equals("/audio-bridge/v2/transcribe")
				|| path.matches("/audio-bridge/v2/interactions/[^/]+/streams");
		if (!known) {
			return send(response, new ScriptedAnswer(404, "application/json", "{\"title\":\"Not Found\"}"));
		}
		if (issued == null || !issued.isValid() || this.rejectEveryToken) {
			return send(response, new ScriptedAnswer(401, null, ""));
		}
		if (!issued.tenant().equals(query.get("tenant-name"))) {
			return send(response, new ScriptedAnswer(403, "application/json", "{\"title\":\"Forbidden\"}"));
		}
		String greeting = "{\"type\":\"CONNECTED\",\"path\":\"" + path + "\"}";
		return response.sendWebsocket((in, out) -> out.sendString(Mono.just(greeting)).then());
	}

	private ScriptedAnswer tokenAnswer(RecordedRequest request, String path) {
		ScriptedAnswer scripted = this.tokenScript.poll();
		if (scripted != null) {
			return scripted;
		}
		String realm = realmOf(path);
		Credentials expected = (realm != null) ? (this.tenant.equals(realm)
				? new Credentials(this.clientId, this.clientSecret) : this.otherTenants.get(realm)) : null;
		if (realm == null || expected == null) {
			return new ScriptedAnswer(404, "application/json", "{\"error\":\"Realm does not exist\"}");
		}
		if (!"POST".equals(request.method())) {
			return new ScriptedAnswer(405, "text/plain", "");
		}
		String contentType = request.header("Content-Type");
		if (contentType == null || !contentType.startsWith("application/x-www-form-urlencoded")) {
			return error(400, "invalid_request", "Missing form parameter: grant_type");
		}
		if (!"client_credentials".equals(request.form().get("grant_type"))) {
			return error(400, "unsupported_grant_type", "Unsupported grant_type");
		}
		String[] credentials = credentials(request);
		if (!expected.clientId().equals(credentials[0])) {
			return error(401, "invalid_client", "Invalid client or Invalid client credentials");
		}
		if (!expected.clientSecret().equals(credentials[1])) {
			return error(401, "unauthorized_client", "Invalid client or Invalid client credentials");
		}
		Set<String> scopes = new LinkedHashSet<>(
				Arrays.asList(request.form().getOrDefault("scope", "openid").trim().split("\\s+")));
		for (String scope : scopes) {
			if (!this.allowedScopes.contains(scope)) {
				return error(400, "invalid_scope", "Invalid scopes: " + String.join(" ", scopes));
			}
		}
		return issueToken(realm, expected.clientId(), scopes);
	}

	private static @Nullable String realmOf(String path) {
		String prefix = "/realms/";
		String suffix = "/protocol/openid-connect/token";
		if (!path.startsWith(prefix) || !path.endsWith(suffix) || path.length() <= prefix.length() + suffix.length()) {
			return null;
		}
		String realm = path.substring(prefix.length(), path.length() - suffix.length());
		return realm.contains("/") ? null : realm;
	}

	private ScriptedAnswer issueToken(String tenant, String clientId, Set<String> scopes) {
		Instant now = Instant.now();
		Duration lifetime = this.tokenLifetime;
		String token = jwt(now, now.plus(lifetime), tenant, clientId, scopes);
		this.issuedTokens.put(token, new Issued(now.plus(lifetime), tenant));
		this.tokenHistory.add(token);
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("access_token", token);
		if (this.sendExpiresIn) {
			body.put("expires_in", lifetime.toSeconds());
		}
		body.put("refresh_expires_in", 0);
		body.put("token_type", "Bearer");
		body.put("id_token", jwt(now, now.plus(lifetime), tenant, clientId, Set.of("openid")));
		body.put("not-before-policy", 0);
		Set<String> granted = new LinkedHashSet<>(scopes);
		granted.addAll(List.of("email", "profile"));
		body.put("scope", String.join(" ", granted));
		return new ScriptedAnswer(200, "application/json", json.writeValueAsString(body));
	}

	private String jwt(Instant issuedAt, Instant expiresAt, String tenant, String clientId, Set<String> scopes) {
		Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
		Map<String, Object> claims = new LinkedHashMap<>();
		claims.put("exp", expiresAt.getEpochSecond());
		claims.put("iat", issuedAt.getEpochSecond());
		claims.put("jti", UUID.randomUUID().toString());
		claims.put("iss", origin() + "/realms/" + tenant);
		claims.put("azp", clientId);
		claims.put("scope", String.join(" ", scopes));
		String header = encoder.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
		String payload = encoder.encodeToString(json.writeValueAsBytes(claims));
		String signature = encoder.encodeToString(UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
		return header + "." + payload + "." + signature;
	}

	private ScriptedAnswer apiAnswer(RecordedRequest request, String path) {
		ScriptedAnswer failure = this.apiFailures.poll();
		if (failure == null) {
			failure = this.lastingApiFailure;
		}
		if (failure != null) {
			return failure;
		}
		String authorization = request.header("Authorization");
		String token = (authorization != null && authorization.startsWith("Bearer ")) ? authorization.substring(7)
				: null;
		Issued issued = (token != null) ? this.issuedTokens.get(token) : null;
		if (issued == null || !issued.isValid() || this.rejectEveryToken) {
			return new ScriptedAnswer(401, null, "");
		}
		if (!issued.tenant().equals(request.header("Tenant-Name"))) {
			return new ScriptedAnswer(403, "application/json",
					"{\"title\":\"Forbidden\",\"detail\":\"missing or wrong Tenant-Name header\"}");
		}
		ScriptedAnswer scripted = this.apiScript.poll();
		if (scripted != null) {
			return scripted;
		}
		ScriptedAnswer canned = this.cannedApiAnswers.get(request.method() + " " + path);
		if (canned != null) {
			return canned;
		}
		return interactionsAnswer(request, path);
	}

	private ScriptedAnswer interactionsAnswer(RecordedRequest request, String path) {
		String method = request.method();
		if ("/v2/interactions/".equals(path) && "GET".equals(method)) {
			int pageSize = pageSize(request.path());
			List<Map<String, Object>> page;
			synchronized (this.interactions) {
				page = this.interactions.values().stream().limit(pageSize).collect(Collectors.toList());
			}
			return ok(200, Map.of("interactions", page));
		}
		if ("/v2/interactions/".equals(path) && "POST".equals(method)) {
			Map<?, ?> requested = readJson(request.body());
			String id = UUID.randomUUID().toString();
			Map<String, Object> interaction = new LinkedHashMap<>();
			interaction.put("id", id);
			interaction.put("encounter", (requested != null) ? requested.get("encounter") : null);
			interaction.put("createdAt", Instant.now().toString());
			this.interactions.put(id, interaction);
			String websocketUrl = "ws://127.0.0.1:" + port() + "/audio-bridge/v2/interactions/" + id
					+ "/streams?tenant-name=" + request.header("Tenant-Name");
			return ok(201, Map.of("interactionId", id, "websocketUrl", websocketUrl));
		}
		if (path.startsWith("/v2/interactions/") && path.length() > "/v2/interactions/".length()) {
			String id = path.substring("/v2/interactions/".length()).replaceAll("/$", "");
			Map<String, Object> interaction = "DELETE".equals(method) ? this.interactions.remove(id)
					: this.interactions.get(id);
			if (interaction == null) {
				return new ScriptedAnswer(404, "application/json", "{\"title\":\"Not Found\"}");
			}
			return "DELETE".equals(method) ? new ScriptedAnswer(204, null, "") : ok(200, interaction);
		}
		return new ScriptedAnswer(404, "application/json", "{\"title\":\"Not Found\"}");
	}

	private Mono<Void> send(HttpServerResponse response, ScriptedAnswer answer) {
		if (answer.status() == 0) {
			response.withConnection((connection) -> connection.channel().close());
			return Mono.empty();
		}
		response.status(answer.status());
		answer.headers().forEach(response::header);
		if (answer.status() == 401 && answer.body().isEmpty()) {
			response.header(HttpHeaderNames.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
		}
		if (answer.contentType() != null) {
			response.header(HttpHeaderNames.CONTENT_TYPE, answer.contentType());
		}
		return response.sendString(Mono.just(answer.body()), StandardCharsets.UTF_8).then();
	}

	private static RecordedRequest record(HttpServerRequest request, String body) {
		Map<String, List<String>> headers = new LinkedHashMap<>();
		request.requestHeaders()
			.forEach((entry) -> headers.computeIfAbsent(entry.getKey(), (name) -> new ArrayList<>())
				.add(entry.getValue()));
		String contentType = request.requestHeaders().get(HttpHeaderNames.CONTENT_TYPE);
		Map<String, String> form = (contentType != null && contentType.startsWith("application/x-www-form-urlencoded"))
				? parseForm(body) : Map.of();
		return new RecordedRequest(request.method().name(), request.uri(), headers, form, body);
	}

	private static Map<String, String> parseForm(String body) {
		Map<String, String> form = new LinkedHashMap<>();
		for (String pair : body.split("&")) {
			if (pair.isEmpty()) {
				continue;
			}
			int equals = pair.indexOf('=');
			String name = URLDecoder.decode((equals < 0) ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
			String value = (equals < 0) ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
			form.putIfAbsent(name, value);
		}
		return form;
	}

	private static String[] credentials(RecordedRequest request) {
		String authorization = request.header("Authorization");
		if (authorization != null && authorization.startsWith("Basic ")) {
			String decoded = new String(Base64.getDecoder().decode(authorization.substring(6)), StandardCharsets.UTF_8);
			int colon = decoded.indexOf(':');
			if (colon >= 0) {
				return new String[] { URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8),
						URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8) };
			}
		}
		return new String[] { request.form().get("client_id"), request.form().get("client_secret") };
	}

	private static String pathOf(String uri) {
		int query = uri.indexOf('?');
		return (query < 0) ? uri : uri.substring(0, query);
	}

	private static int pageSize(String uri) {
		int query = uri.indexOf('?');
		if (query >= 0) {
			for (String pair : uri.substring(query + 1).split("&")) {
				if (pair.startsWith("pageSize=")) {
					try {
						return Math.max(0, Integer.parseInt(pair.substring("pageSize=".length())));
					}
					catch (NumberFormatException ex) {
						return 50;
					}
				}
			}
		}
		return 50;
	}

	private static @Nullable Map<?, ?> readJson(String body) {
		if (body.isBlank()) {
			return null;
		}
		try {
			return json.readValue(body, Map.class);
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	private static ScriptedAnswer ok(int status, Object body) {
		return new ScriptedAnswer(status, "application/json", json.writeValueAsString(body));
	}

	private static ScriptedAnswer error(int status, String error, String description) {
		return new ScriptedAnswer(status, "application/json", keycloakError(error, description));
	}

	private static String keycloakError(String error, String description) {
		Map<String, String> body = new LinkedHashMap<>();
		body.put("error", error);
		body.put("error_description", description);
		return json.writeValueAsString(body);
	}

	/** A token the stand-in issued: until when, and for which tenant. */
	private record Issued(Instant expiresAt, String tenant) {

		boolean isValid() {
			return Instant.now().isBefore(this.expiresAt);
		}

	}

	private record Credentials(String clientId, String clientSecret) {
	}

	private record ScriptedAnswer(int status, @Nullable String contentType, String body, Map<String, String> headers) {

		ScriptedAnswer(int status, @Nullable String contentType, String body) {
			this(status, contentType, body, Map.of());
		}

	}

}
