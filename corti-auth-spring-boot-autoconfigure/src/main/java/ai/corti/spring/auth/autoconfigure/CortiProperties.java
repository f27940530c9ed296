package ai.corti.spring.auth.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration of the Corti API client, under {@code corti}.
 */
@ConfigurationProperties("corti")
public class CortiProperties {

	/**
	 * Whether to auto-configure the Corti token service and clients.
	 */
	private boolean enabled = true;

	/**
	 * Corti environment id, such as 'eu' or 'us'; selects the token endpoint and API hosts.
	 */
	private @Nullable String environment;

	/**
	 * Tenant name (the Keycloak realm), sent as the Tenant-Name header; most customers use 'base'.
	 */
	private @Nullable String tenantName;

	/**
	 * Client id of the Corti API client, from the Corti Console.
	 */
	private @Nullable String clientId;

	/**
	 * Client secret of the Corti API client, from the Corti Console.
	 */
	private @Nullable String clientSecret;

	/**
	 * Extra scopes to request; 'openid' is always sent.
	 */
	private List<String> scopes = new ArrayList<>();

	/**
	 * Token endpoint. Defaults to
	 * https://auth.{environment}.corti.app/realms/{tenant-name}/protocol/openid-connect/token.
	 */
	private @Nullable String tokenUri;

	/**
	 * Base URL of the Corti REST API. Defaults to https://api.{environment}.corti.app/v2.
	 */
	private @Nullable String baseUrl;

	private final Token token = new Token();

	private final Http http = new Http();

	private final WebSocket websocket = new WebSocket();

	/**
	 * Named Corti clients, each with its own environment, tenant and credentials (never inherited) and the nested
	 * settings and scopes of the top-level client unless it sets its own. The name is [a-z0-9-]+.
	 */
	private final Map<String, Client> clients = new LinkedHashMap<>();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public @Nullable String getEnvironment() {
		return this.environment;
	}

	public void setEnvironment(@Nullable String environment) {
		this.environment = environment;
	}

	public @Nullable String getTenantName() {
		return this.tenantName;
	}

	public void setTenantName(@Nullable String tenantName) {
		this.tenantName = tenantName;
	}

	public @Nullable String getClientId() {
		return this.clientId;
	}

	public void setClientId(@Nullable String clientId) {
		this.clientId = clientId;
	}

	public @Nullable String getClientSecret() {
		return this.clientSecret;
	}

	public void setClientSecret(@Nullable String clientSecret) {
		this.clientSecret = clientSecret;
	}

	public List<String> getScopes() {
		return this.scopes;
	}

	public void setScopes(List<String> scopes) {
		this.scopes = scopes;
	}

	public @Nullable String getTokenUri() {
		return this.tokenUri;
	}

	public void setTokenUri(@Nullable String tokenUri) {
		this.tokenUri = tokenUri;
	}

	public @Nullable String getBaseUrl() {
		return this.baseUrl;
	}

	public void setBaseUrl(@Nullable String baseUrl) {
		this.baseUrl = baseUrl;
	}

	public Token getToken() {
		return this.token;
	}

	public Http getHttp() {
		return this.http;
	}

	public Map<String, Client> getClients() {
		return this.clients;
	}

	/** Forgets the identity (environment, tenant, credentials, URLs), which a named client never inherits. */
	void clearIdentity() {
		this.environment = null;
		this.tenantName = null;
		this.clientId = null;
		this.clientSecret = null;
		this.tokenUri = null;
		this.baseUrl = null;
	}

	public WebSocket getWebsocket() {
		return this.websocket;
	}

	@Override
	public String toString() {
		return "CortiProperties[environment=" + this.environment + ", tenantName=" + this.tenantName + ", clientId="
				+ this.clientId + ", clientSecret=" + ((this.clientSecret != null) ? "[hidden]" : "null") + "]";
	}

	/**
	 * A named client, under {@code corti.clients.<name>}: same keys as the top-level client.
	 */
	public static class Client {

		/**
		 * Corti environment id of this client, such as 'eu' or 'us'.
		 */
		private @Nullable String environment;

		/**
		 * Tenant name (Keycloak realm) of this client.
		 */
		private @Nullable String tenantName;

		/**
		 * Client id of this client.
		 */
		private @Nullable String clientId;

		/**
		 * Client secret of this client.
		 */
		private @Nullable String clientSecret;

		/**
		 * Extra scopes of this client; the top-level ones when not set.
		 */
		private @Nullable List<String> scopes;

		/**
		 * Token endpoint of this client. Defaults to the one of its environment and tenant.
		 */
		private @Nullable String tokenUri;

		/**
		 * Base URL of the REST API for this client. Defaults to the one of its environment.
		 */
		private @Nullable String baseUrl;

		private final Token token = new Token();

		private final Http http = new Http();

		private final WebSocket websocket = new WebSocket();

		public @Nullable String getEnvironment() {
			return this.environment;
		}

		public void setEnvironment(@Nullable String environment) {
			this.environment = environment;
		}

		public @Nullable String getTenantName() {
			return this.tenantName;
		}

		public void setTenantName(@Nullable String tenantName) {
			this.tenantName = tenantName;
		}

		public @Nullable String getClientId() {
			return this.clientId;
		}

		public void setClientId(@Nullable String clientId) {
			this.clientId = clientId;
		}

		public @Nullable String getClientSecret() {
			return this.clientSecret;
		}

		public void setClientSecret(@Nullable String clientSecret) {
			this.clientSecret = clientSecret;
		}

		public @Nullable List<String> getScopes() {
			return this.scopes;
		}

		public void setScopes(@Nullable List<String> scopes) {
			this.scopes = scopes;
		}

		public @Nullable String getTokenUri() {
			return this.tokenUri;
		}

		public void setTokenUri(@Nullable String tokenUri) {
			this.tokenUri = tokenUri;
		}

		public @Nullable String getBaseUrl() {
			return this.baseUrl;
		}

		public void setBaseUrl(@Nullable String baseUrl) {
			this.baseUrl = baseUrl;
		}

		public Token getToken() {
			return this.token;
		}

		public Http getHttp() {
			return this.http;
		}

		public WebSocket getWebsocket() {
			return this.websocket;
		}

		@Override
		public String toString() {
			return "Client[environment=" + this.environment + ", tenantName=" + this.tenantName + "]";
		}

	}

	/**
	 * Token lifecycle, under {@code corti.token}.
	 */
	public static class Token {

		/**
		 * How long before expiry a token is renewed in the background. Capped at two thirds of a token's lifetime.
		 */
		private Duration renewBeforeExpiry = Duration.ofSeconds(120);

		/**
		 * Minimum remaining validity of a token attached to a request. Capped at a third of a token's lifetime.
		 */
		private Duration expiryMargin = Duration.ofSeconds(30);

		/**
		 * Lifetime assumed when the token endpoint sends no expires_in and the token has no exp claim.
		 */
		private Duration defaultLifetime = Duration.ofSeconds(300);

		/**
		 * How the client authenticates at the token endpoint: client_secret_post (as Corti's SDKs do) or
		 * client_secret_basic.
		 */
		private String clientAuthenticationMethod = "client_secret_post";

		/**
		 * Connect timeout of token requests.
		 */
		private Duration connectTimeout = Duration.ofSeconds(5);

		/**
		 * Read timeout of token requests.
		 */
		private Duration readTimeout = Duration.ofSeconds(10);

		/**
		 * How long the last error is returned at once to callers without a valid token, after the token endpoint
		 * rejected the request for good (wrong credentials or scope), before the endpoint is asked again. Also the
		 * least time between two tokens dropped because the API answered 401.
		 */
		private Duration failureBackoff = Duration.ofSeconds(10);

		/**
		 * Whether to fetch the first token in the background once the application is ready, so that the first call
		 * does not wait for it. A failure is logged as a warning and never fails startup.
		 */
		private boolean prefetch = true;

		private final Retry retry = new Retry();

		public Duration getRenewBeforeExpiry() {
			return this.renewBeforeExpiry;
		}

		public void setRenewBeforeExpiry(Duration renewBeforeExpiry) {
			this.renewBeforeExpiry = renewBeforeExpiry;
		}

		public Duration getExpiryMargin() {
			return this.expiryMargin;
		}

		public void setExpiryMargin(Duration expiryMargin) {
			this.expiryMargin = expiryMargin;
		}

		public Duration getDefaultLifetime() {
			return this.defaultLifetime;
		}

		public void setDefaultLifetime(Duration defaultLifetime) {
			this.defaultLifetime = defaultLifetime;
		}

		public String getClientAuthenticationMethod() {
			return this.clientAuthenticationMethod;
		}

		public void setClientAuthenticationMethod(String clientAuthenticationMethod) {
			this.clientAuthenticationMethod = clientAuthenticationMethod;
		}

		public Duration getConnectTimeout() {
			return this.connectTimeout;
		}

		public void setConnectTimeout(Duration connectTimeout) {
			this.connectTimeout = connectTimeout;
		}

		public Duration getReadTimeout() {
			return this.readTimeout;
		}

		public void setReadTimeout(Duration readTimeout) {
			this.readTimeout = readTimeout;
		}

		public Duration getFailureBackoff() {
			return this.failureBackoff;
		}

		public void setFailureBackoff(Duration failureBackoff) {
			this.failureBackoff = failureBackoff;
		}

		public boolean isPrefetch() {
			return this.prefetch;
		}

		public void setPrefetch(boolean prefetch) {
			this.prefetch = prefetch;
		}

		public Retry getRetry() {
			return this.retry;
		}

	}

	/**
	 * Retries of failed token requests, under {@code corti.token.retry}.
	 */
	public static class Retry {

		/**
		 * Maximum number of attempts of one token request, the first included. Only I/O errors, timeouts, 408, 429
		 * and 5xx answers, and answers that are not a token response, are retried.
		 */
		private int maxAttempts = 3;

		/**
		 * Wait before the second attempt; doubled for each further attempt, with jitter.
		 */
		private Duration initialBackoff = Duration.ofMillis(500);

		/**
		 * Upper bound of the wait between attempts.
		 */
		private Duration maxBackoff = Duration.ofSeconds(5);

		/**
		 * Longest wait a Retry-After header on a 429 or 503 from the token endpoint can impose; no token request is
		 * made before the header's time, or this long, whichever comes first.
		 */
		private Duration maxRetryAfter = Duration.ofSeconds(60);

		public int getMaxAttempts() {
			return this.maxAttempts;
		}

		public void setMaxAttempts(int maxAttempts) {
			this.maxAttempts = maxAttempts;
		}

		public Duration getInitialBackoff() {
			return this.initialBackoff;
		}

		public void setInitialBackoff(Duration initialBackoff) {
			this.initialBackoff = initialBackoff;
		}

		public Duration getMaxBackoff() {
			return this.maxBackoff;
		}

		public void setMaxBackoff(Duration maxBackoff) {
			this.maxBackoff = maxBackoff;
		}

		public Duration getMaxRetryAfter() {
			return this.maxRetryAfter;
		}

		public void setMaxRetryAfter(Duration maxRetryAfter) {
			this.maxRetryAfter = maxRetryAfter;
		}

	}

	/**
	 * HTTP connections to the Corti API, under {@code corti.http}.
	 */
	public static class Http {

		/**
		 * Connect timeout of Corti API calls.
		 */
		private Duration connectTimeout = Duration.ofSeconds(5);

		/**
		 * Read timeout of Corti API calls.
		 */
		private Duration readTimeout = Duration.ofSeconds(60);

		/**
		 * Maximum number of open connections to the Corti API, shared by cortiWebClient and cortiRestClient (Reactor
		 * Netty).
		 */
		private int maxConnections = 100;

		/**
		 * Maximum number of requests waiting for a free connection (Reactor Netty); -1 for no limit.
		 */
		private int maxPendingRequests = 1000;

		/**
		 * How long a request may wait for a free connection (Reactor Netty).
		 */
		private Duration pendingAcquireTimeout = Duration.ofSeconds(45);

		private final Proxy proxy = new Proxy();

		private final HttpRetry retry = new HttpRetry();

		public Duration getConnectTimeout() {
			return this.connectTimeout;
		}

		public void setConnectTimeout(Duration connectTimeout) {
			this.connectTimeout = connectTimeout;
		}

		public Duration getReadTimeout() {
			return this.readTimeout;
		}

		public void setReadTimeout(Duration readTimeout) {
			this.readTimeout = readTimeout;
		}

		public int getMaxConnections() {
			return this.maxConnections;
		}

		public void setMaxConnections(int maxConnections) {
			this.maxConnections = maxConnections;
		}

		public int getMaxPendingRequests() {
			return this.maxPendingRequests;
		}

		public void setMaxPendingRequests(int maxPendingRequests) {
			this.maxPendingRequests = maxPendingRequests;
		}

		public Duration getPendingAcquireTimeout() {
			return this.pendingAcquireTimeout;
		}

		public void setPendingAcquireTimeout(Duration pendingAcquireTimeout) {
			this.pendingAcquireTimeout = pendingAcquireTimeout;
		}

		public Proxy getProxy() {
			return this.proxy;
		}

		public HttpRetry getRetry() {
			return this.retry;
		}

	}

	/**
	 * Retries of Corti API calls that failed for a transient reason, under {@code corti.http.retry}.
	 */
	public static class HttpRetry {

		/**
		 * Whether API calls that failed for a transient reason are retried. GET, HEAD, OPTIONS, PUT and DELETE are
		 * retried on I/O errors, 408, 502, 503, 504 and on 429 with Retry-After; POST and PATCH only when the
		 * connection could not be made, so the server never saw them.
		 */
		private boolean enabled = true;

		/**
		 * Maximum number of retries of one call, on top of the first attempt.
		 */
		private int maxRetries = 2;

		/**
		 * Wait before the first retry; doubled for each further retry, with jitter.
		 */
		private Duration initialBackoff = Duration.ofMillis(500);

		/**
		 * Upper bound of the wait between attempts.
		 */
		private Duration maxBackoff = Duration.ofSeconds(5);

		/**
		 * Longest wait a Retry-After or X-RateLimit-Reset header can ask for and still be retried; an answer that asks
		 * for a longer wait goes to the caller at once.
		 */
		private Duration maxRetryAfter = Duration.ofSeconds(10);

		private final Budget budget = new Budget();

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public int getMaxRetries() {
			return this.maxRetries;
		}

		public void setMaxRetries(int maxRetries) {
			this.maxRetries = maxRetries;
		}

		public Duration getInitialBackoff() {
			return this.initialBackoff;
		}

		public void setInitialBackoff(Duration initialBackoff) {
			this.initialBackoff = initialBackoff;
		}

		public Duration getMaxBackoff() {
			return this.maxBackoff;
		}

		public void setMaxBackoff(Duration maxBackoff) {
			this.maxBackoff = maxBackoff;
		}

		public Duration getMaxRetryAfter() {
			return this.maxRetryAfter;
		}

		public void setMaxRetryAfter(Duration maxRetryAfter) {
			this.maxRetryAfter = maxRetryAfter;
		}

		public Budget getBudget() {
			return this.budget;
		}

	}

	/**
	 * Retry budget of the Corti API calls of one client, under {@code corti.http.retry.budget}: during an outage
	 * retries add at most this share of load instead of multiplying it.
	 */
	public static class Budget {

		/**
		 * Largest number of retries, as a fraction of the calls made in the window, on top of min-retries.
		 */
		private double ratio = 0.2;

		/**
		 * Retries allowed in every window whatever the traffic, so that a quiet application still retries.
		 */
		private int minRetries = 5;

		/**
		 * Sliding window over which calls and retries are counted.
		 */
		private Duration window = Duration.ofSeconds(10);

		public double getRatio() {
			return this.ratio;
		}

		public void setRatio(double ratio) {
			this.ratio = ratio;
		}

		public int getMinRetries() {
			return this.minRetries;
		}

		public void setMinRetries(int minRetries) {
			this.minRetries = minRetries;
		}

		public Duration getWindow() {
			return this.window;
		}

		public void setWindow(Duration window) {
			this.window = window;
		}

	}

	/**
	 * Outbound HTTP proxy for the token endpoint and the API, under {@code corti.http.proxy}.
	 */
	public static class Proxy {

		/**
		 * Host of an HTTP proxy that token requests and API calls go through; unset for a direct connection.
		 */
		private @Nullable String host;

		/**
		 * Port of the HTTP proxy.
		 */
		private int port = 8080;

		/**
		 * User name for proxy authentication, if the proxy requires it.
		 */
		private @Nullable String username;

		/**
		 * Password for proxy authentication.
		 */
		private @Nullable String password;

		public @Nullable String getHost() {
			return this.host;
		}

		public void setHost(@Nullable String host) {
			this.host = host;
		}

		public int getPort() {
			return this.port;
		}

		public void setPort(int port) {
			this.port = port;
		}

		public @Nullable String getUsername() {
			return this.username;
		}

		public void setUsername(@Nullable String username) {
			this.username = username;
		}

		public @Nullable String getPassword() {
			return this.password;
		}

		public void setPassword(@Nullable String password) {
			this.password = password;
		}

	}

	/**
	 * Real-time WebSocket URLs, under {@code corti.websocket}.
	 */
	public static class WebSocket {

		/**
		 * Whether streams and transcribe WebSocket URLs carry narrower tokens (scope 'openid streams' or 'openid
		 * transcribe', each from its own cache) instead of the main token.
		 */
		private boolean scopedTokens;

		public boolean isScopedTokens() {
			return this.scopedTokens;
		}

		public void setScopedTokens(boolean scopedTokens) {
			this.scopedTokens = scopedTokens;
		}

	}

}
