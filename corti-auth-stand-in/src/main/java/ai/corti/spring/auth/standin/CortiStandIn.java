package ai.corti.spring.auth.standin;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

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

	private static final String HOST = "127.0.0.1";

	private final IssuedTokens tokens = new IssuedTokens();

	private final StandInRecorder recorder = new StandInRecorder();

	private final StandInTokenEndpoint tokenEndpoint = new StandInTokenEndpoint(this::origin, this.tokens);

	private final StandInApi api = new StandInApi(this.tokens,
			new StandInInteractions(() -> "ws://" + HOST + ":" + port()));

	private final StandInWebSockets webSockets = new StandInWebSockets(this.tokens);

	private final DisposableServer server;

	private CortiStandIn() {
		this.server = HttpServer.create().host(HOST).port(0).handle(this::handle).bindNow();
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
		return tokenUri(tenant());
	}

	/**
	 * Token endpoint of {@code tenant} (see {@link #addTenant(String, String, String)}).
	 * The URI is built whether or not the stand-in serves that tenant; one it does not
	 * serve answers {@code 404}.
	 * @param tenant the tenant (realm) name
	 * @return the token endpoint URI of {@code tenant}
	 */
	public String tokenUri(String tenant) {
		return this.tokenEndpoint.uri(tenant);
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
		return "http://" + HOST + ":" + port();
	}

	/**
	 * The tenant (realm) the stand-in serves with {@link #clientId()} and
	 * {@link #clientSecret()}.
	 * @return the current tenant, {@link #DEFAULT_TENANT} unless set with
	 * {@link #tenant(String)}
	 */
	public String tenant() {
		return this.tokenEndpoint.tenant();
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
				"corti.tenant-name=" + tenant(), "corti.client-id=" + clientId(),
				"corti.client-secret=" + clientSecret() };
	}

	/**
	 * The client id the stand-in accepts for the current tenant.
	 * @return the client id, {@link #DEFAULT_CLIENT_ID} unless set with
	 * {@link #client(String, String)}
	 */
	public String clientId() {
		return this.tokenEndpoint.clientId();
	}

	/**
	 * The client secret the stand-in accepts for the current tenant.
	 * @return the client secret, {@link #DEFAULT_CLIENT_SECRET} unless set with
	 * {@link #client(String, String)}
	 */
	public String clientSecret() {
		return this.tokenEndpoint.clientSecret();
	}

	// ---- tenants and credentials (kept by reset) ----

	/**
	 * Serves {@code tenant} (realm) in place of the current tenant, with the current
	 * credentials; realms that are neither this one nor
	 * {@linkplain #addTenant(String, String, String) added} answer 404 like Keycloak.
	 * Kept by {@link #reset()}.
	 * @param tenant the tenant (realm) name
	 * @return this stand-in
	 */
	public CortiStandIn tenant(String tenant) {
		this.tokenEndpoint.tenant(tenant);
		return this;
	}

	/**
	 * Accepts only these credentials for the current tenant. Kept by {@link #reset()}.
	 * @param clientId the client id to accept
	 * @param clientSecret the client secret to accept
	 * @return this stand-in
	 */
	public CortiStandIn client(String clientId, String clientSecret) {
		this.tokenEndpoint.client(clientId, clientSecret);
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
		this.tokenEndpoint.addTenant(tenant, clientId, clientSecret);
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
		this.tokenEndpoint.allowedScopes(Set.of(scopes));
		return this;
	}

	// ---- tokens ----

	/**
	 * Lifetime of tokens issued from now on (default 300 s), both their
	 * {@code expires_in} and their JWT {@code exp}.
	 * @param lifetime the lifetime of new tokens
	 * @return this stand-in
	 */
	public CortiStandIn tokenLifetime(Duration lifetime) {
		this.tokenEndpoint.lifetime(lifetime);
		return this;
	}

	/**
	 * Whether token answers carry {@code expires_in} (default true); the JWT's
	 * {@code exp} is always set.
	 * @param sendExpiresIn whether to send {@code expires_in}
	 * @return this stand-in
	 */
	public CortiStandIn sendExpiresIn(boolean sendExpiresIn) {
		this.tokenEndpoint.sendExpiresIn(sendExpiresIn);
		return this;
	}

	/**
	 * Delay before every token answer, scripted ones included (default none).
	 * @param delay the delay before each answer of the token endpoint
	 * @return this stand-in
	 */
	public CortiStandIn tokenDelay(Duration delay) {
		this.tokenEndpoint.delay(delay);
		return this;
	}

	/**
	 * This token is rejected by the API and the WebSocket endpoints from now on.
	 * @param accessToken the access token, without the {@code Bearer} prefix
	 * @return this stand-in
	 */
	public CortiStandIn revoke(String accessToken) {
		this.tokens.revoke(accessToken);
		return this;
	}

	/**
	 * Every token issued so far is rejected by the API and the WebSocket endpoints from
	 * now on ({@code 401}, {@code WWW-Authenticate}); tokens issued later are accepted.
	 * @return this stand-in
	 */
	public CortiStandIn revokeAllTokens() {
		this.tokens.revokeAll();
		return this;
	}

	/**
	 * Whether the API and the WebSocket endpoints reject every token, including ones
	 * issued later, with {@code 401} (default false).
	 * @param reject whether to reject every token
	 * @return this stand-in
	 */
	public CortiStandIn rejectEveryToken(boolean reject) {
		this.tokens.rejectEvery(reject);
		return this;
	}

	// ---- scripted token answers: one queue, each used once in order, before any check
	// ----

	/**
	 * The next {@code count} token requests, whatever their realm and credentials, get
	 * {@code status} with an empty body: {@link #failNextTokenRequests(int, int, Map)}
	 * without headers. A {@code status} of {@code 0} closes the connection without
	 * answering.
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
		this.tokenEndpoint.answerNext(count, new StandInAnswer(status, "text/plain", "", headers));
		return this;
	}

	/**
	 * The next token request, whatever its realm and credentials, gets a Keycloak-shaped
	 * error body {@code {"error":…,"error_description":…}}: an
	 * {@link #answerNextTokenRequest(int, String, String)} with that
	 * {@code application/json} body.
	 * @param status the HTTP status
	 * @param error the OAuth error code, such as {@code invalid_client}
	 * @param description the {@code error_description}
	 * @return this stand-in
	 */
	public CortiStandIn failNextTokenRequest(int status, String error, String description) {
		this.tokenEndpoint.answerNext(1, StandInAnswer.keycloakError(status, error, description));
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
		this.tokenEndpoint.answerNext(1, new StandInAnswer(status, contentType, body));
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
		this.tokenEndpoint.answerNext(1, StandInAnswer.redirect(status, location));
		return this;
	}

	// ---- API answers ----

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
		this.api.answerEvery(method, path, StandInAnswer.json(status, jsonBody));
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
		this.api.answerEvery(method, path, StandInAnswer.redirect(status, location));
		return this;
	}

	/**
	 * The next authorized API request gets this answer, whatever its method and path.
	 * @param status the HTTP status
	 * @param jsonBody the body, sent as {@code application/json}
	 * @return this stand-in
	 */
	public CortiStandIn respondToNextApiRequest(int status, String jsonBody) {
		this.api.answerNext(StandInAnswer.json(status, jsonBody));
		return this;
	}

	// ---- API failures ----

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
		this.api.failNext(count, status, retryAfter);
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
		this.api.failEvery(status, retryAfter);
		return this;
	}

	/**
	 * Ends scripted API failures, queued and lasting.
	 * @return this stand-in
	 */
	public CortiStandIn clearApiFailures() {
		this.api.clearFailures();
		return this;
	}

	// ---- between tests ----

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
		this.recorder.reset();
		this.tokenEndpoint.reset();
		this.tokens.reset();
		this.api.reset();
		return this;
	}

	// ---- recordings ----

	/**
	 * Whether API requests are recorded (default true). Turn it off for long load runs,
	 * where keeping every request would only cost memory; token and WebSocket requests
	 * are always recorded.
	 * @param record whether to record API requests
	 * @return this stand-in
	 */
	public CortiStandIn recordApiRequests(boolean record) {
		this.recorder.recordApiRequests(record);
		return this;
	}

	/**
	 * Every request to the token endpoint since start or the last {@link #reset()}, in
	 * arrival order.
	 * @return a copy of the recorded token requests
	 */
	public List<RecordedRequest> tokenRequests() {
		return this.recorder.tokenRequests();
	}

	/**
	 * How many requests reached the token endpoint since start or the last
	 * {@link #reset()}.
	 * @return the number of recorded token requests
	 */
	public int tokenRequestCount() {
		return this.recorder.tokenRequestCount();
	}

	/**
	 * Every request to the REST API (outside the token endpoint and WebSockets) since
	 * start or the last {@link #reset()}, in arrival order, while
	 * {@linkplain #recordApiRequests(boolean) recording} was on.
	 * @return a copy of the recorded API requests
	 */
	public List<RecordedRequest> apiRequests() {
		return this.recorder.apiRequests();
	}

	/**
	 * Every WebSocket connection attempt to {@code /audio-bridge/…}, accepted or not,
	 * since start or the last {@link #reset()}, in arrival order.
	 * @return a copy of the recorded WebSocket requests
	 */
	public List<RecordedRequest> webSocketRequests() {
		return this.recorder.webSocketRequests();
	}

	/**
	 * Every access token issued since start, revoked or not, in order (for leak checks);
	 * {@link #reset()} keeps them.
	 * @return a copy of the issued access tokens
	 */
	public List<String> issuedTokens() {
		return this.tokens.history();
	}

	/**
	 * Access tokens issued and not revoked, expired ones included.
	 * @return a copy of the access tokens not revoked
	 */
	public Set<String> validTokens() {
		return this.tokens.notRevoked();
	}

	// ---- lifecycle ----

	@Override
	public void close() {
		this.server.disposeNow();
	}

	// ---- HTTP handling ----

	private Mono<Void> handle(HttpServerRequest request, HttpServerResponse response) {
		if (request.uri().startsWith(StandInWebSockets.PATH_PREFIX)) {
			RecordedRequest recorded = StandInRecorder.recordedRequest(request, "");
			this.recorder.addWebSocketRequest(recorded);
			return this.webSockets.answer(recorded, pathOf(recorded), response);
		}
		return request.receive().aggregate().asString(StandardCharsets.UTF_8).defaultIfEmpty("").flatMap((body) -> {
			RecordedRequest recorded = StandInRecorder.recordedRequest(request, body);
			String path = pathOf(recorded);
			if (path.startsWith(StandInTokenEndpoint.PATH_PREFIX)) {
				this.recorder.addTokenRequest(recorded);
				return this.tokenEndpoint.answer(recorded, path).flatMap((answer) -> answer.send(response));
			}
			this.recorder.addApiRequest(recorded);
			return this.api.answer(recorded, path).send(response);
		});
	}

	private static String pathOf(RecordedRequest request) {
		int query = request.path().indexOf('?');
		return (query < 0) ? request.path() : request.path().substring(0, query);
	}

}
