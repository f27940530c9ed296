package ai.corti.spring.auth.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ai.corti.spring.auth.CortiApiRetries;
import ai.corti.spring.auth.CortiConfigurationException;
import ai.corti.spring.auth.CortiTokenService;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration of the Corti API client, under {@code corti}.
 *
 * @since 0.1.0
 */
@ConfigurationProperties("corti")
public class CortiProperties implements InitializingBean {

	/**
	 * Whether to auto-configure the Corti token service and clients.
	 */
	private boolean enabled = true;

	/**
	 * Corti environment id, such as 'eu' or 'us'; selects the token endpoint and API
	 * hosts.
	 */
	private @Nullable String environment;

	/**
	 * Tenant name (the Keycloak realm), sent as the Tenant-Name header; most customers
	 * use 'base'.
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
	 * Named Corti clients, each with its own environment, tenant and credentials (never
	 * inherited) and the nested settings and scopes of the top-level client unless it
	 * sets its own. The name is [a-z0-9-]+.
	 */
	private final Map<String, Client> clients = new LinkedHashMap<>();

	/**
	 * Returns whether to auto-configure the Corti token service and clients.
	 * @return whether auto-configuration is enabled
	 */
	public boolean isEnabled() {
		return this.enabled;
	}

	/**
	 * Sets whether to auto-configure the Corti token service and clients.
	 * @param enabled whether to auto-configure them
	 */
	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	/**
	 * Returns the Corti environment id, such as {@code eu} or {@code us}.
	 * @return the environment id, or {@code null} when not set
	 */
	public @Nullable String getEnvironment() {
		return this.environment;
	}

	/**
	 * Sets the Corti environment id, such as {@code eu} or {@code us}.
	 * @param environment the environment id, or {@code null} for none
	 */
	public void setEnvironment(@Nullable String environment) {
		this.environment = environment;
	}

	/**
	 * Returns the tenant name (the Keycloak realm), sent as the {@code Tenant-Name}
	 * header.
	 * @return the tenant name, or {@code null} when not set
	 */
	public @Nullable String getTenantName() {
		return this.tenantName;
	}

	/**
	 * Sets the tenant name (the Keycloak realm), sent as the {@code Tenant-Name} header.
	 * @param tenantName the tenant name, or {@code null} for none
	 */
	public void setTenantName(@Nullable String tenantName) {
		this.tenantName = tenantName;
	}

	/**
	 * Returns the client id of the Corti API client.
	 * @return the client id, or {@code null} when not set
	 */
	public @Nullable String getClientId() {
		return this.clientId;
	}

	/**
	 * Sets the client id of the Corti API client.
	 * @param clientId the client id, or {@code null} for none
	 */
	public void setClientId(@Nullable String clientId) {
		this.clientId = clientId;
	}

	/**
	 * Returns the client secret of the Corti API client.
	 * @return the client secret, or {@code null} when not set
	 */
	public @Nullable String getClientSecret() {
		return this.clientSecret;
	}

	/**
	 * Sets the client secret of the Corti API client.
	 * @param clientSecret the client secret, or {@code null} for none
	 */
	public void setClientSecret(@Nullable String clientSecret) {
		this.clientSecret = clientSecret;
	}

	/**
	 * Returns the extra scopes to request; {@code openid} is always sent.
	 * @return the extra scopes
	 */
	public List<String> getScopes() {
		return this.scopes;
	}

	/**
	 * Sets the extra scopes to request; {@code openid} is always sent.
	 * @param scopes the extra scopes
	 */
	public void setScopes(List<String> scopes) {
		this.scopes = scopes;
	}

	/**
	 * Returns the token endpoint; derived from the environment and tenant name when not
	 * set.
	 * @return the token endpoint, or {@code null} when not set
	 */
	public @Nullable String getTokenUri() {
		return this.tokenUri;
	}

	/**
	 * Sets the token endpoint; derived from the environment and tenant name when not set.
	 * @param tokenUri the token endpoint, or {@code null} for none
	 */
	public void setTokenUri(@Nullable String tokenUri) {
		this.tokenUri = tokenUri;
	}

	/**
	 * Returns the base URL of the Corti REST API; derived from the environment when not
	 * set.
	 * @return the base URL, or {@code null} when not set
	 */
	public @Nullable String getBaseUrl() {
		return this.baseUrl;
	}

	/**
	 * Sets the base URL of the Corti REST API; derived from the environment when not set.
	 * @param baseUrl the base URL, or {@code null} for none
	 */
	public void setBaseUrl(@Nullable String baseUrl) {
		this.baseUrl = baseUrl;
	}

	/**
	 * Returns the token lifecycle settings, under {@code corti.token}.
	 * @return the token settings
	 */
	public Token getToken() {
		return this.token;
	}

	/**
	 * Returns the settings of HTTP connections to the Corti API, under
	 * {@code corti.http}.
	 * @return the HTTP settings
	 */
	public Http getHttp() {
		return this.http;
	}

	/**
	 * Returns the named Corti clients, under {@code corti.clients}.
	 * @return the named clients, by name
	 */
	public Map<String, Client> getClients() {
		return this.clients;
	}

	@Override
	public void afterPropertiesSet() {
		validate();
	}

	/**
	 * Checks every setting with a range or a relation to another one: durations that must
	 * be positive, counts with a minimum, the retry budget's ratio, and that a renewal
	 * starts before tokens stop being handed out. The identity (environment, tenant,
	 * credentials, URLs) is checked when it is resolved, only for a client that uses it.
	 * @throws CortiConfigurationException naming the first property that is wrong and how
	 * to fix it
	 */
	public void validate() {
		Token token = getToken();
		CortiPropertyChecks.requirePositive(token.getRenewBeforeExpiry(), "corti.token.renew-before-expiry");
		CortiPropertyChecks.requirePositive(token.getExpiryMargin(), "corti.token.expiry-margin");
		CortiPropertyChecks.requireLonger(token.getRenewBeforeExpiry(), "corti.token.renew-before-expiry",
				token.getExpiryMargin(), "corti.token.expiry-margin", "or every renewal would make callers wait");
		CortiPropertyChecks.requirePositive(token.getDefaultLifetime(), "corti.token.default-lifetime");
		CortiPropertyChecks.requirePositive(token.getConnectTimeout(), "corti.token.connect-timeout");
		CortiPropertyChecks.requirePositive(token.getReadTimeout(), "corti.token.read-timeout");
		CortiPropertyChecks.requirePositive(token.getFailureBackoff(), "corti.token.failure-backoff");
		Retry retry = token.getRetry();
		CortiPropertyChecks.requireAtLeast(retry.getMaxAttempts(), 1, "corti.token.retry.max-attempts");
		CortiPropertyChecks.requirePositive(retry.getInitialBackoff(), "corti.token.retry.initial-backoff");
		CortiPropertyChecks.requirePositive(retry.getMaxBackoff(), "corti.token.retry.max-backoff");
		CortiPropertyChecks.requirePositive(retry.getMaxRetryAfter(), "corti.token.retry.max-retry-after");
		Http http = getHttp();
		CortiPropertyChecks.requirePositive(http.getConnectTimeout(), "corti.http.connect-timeout");
		CortiPropertyChecks.requirePositive(http.getReadTimeout(), "corti.http.read-timeout");
		CortiPropertyChecks.requireAtLeast(http.getMaxConnections(), 1, "corti.http.max-connections");
		CortiPropertyChecks.requireAtLeast(http.getMaxPendingRequests(), -1, "corti.http.max-pending-requests");
		CortiPropertyChecks.requirePositive(http.getPendingAcquireTimeout(), "corti.http.pending-acquire-timeout");
		CortiPropertyChecks.requireAtLeast(http.getProxy().getPort(), 1, "corti.http.proxy.port");
		CortiPropertyChecks.requireAtMost(http.getProxy().getPort(), 65535, "corti.http.proxy.port");
		HttpRetry httpRetry = http.getRetry();
		CortiPropertyChecks.requireAtLeast(httpRetry.getMaxRetries(), 0, "corti.http.retry.max-retries");
		CortiPropertyChecks.requirePositive(httpRetry.getInitialBackoff(), "corti.http.retry.initial-backoff");
		CortiPropertyChecks.requirePositive(httpRetry.getMaxBackoff(), "corti.http.retry.max-backoff");
		CortiPropertyChecks.requirePositive(httpRetry.getMaxRetryAfter(), "corti.http.retry.max-retry-after");
		Budget budget = httpRetry.getBudget();
		CortiPropertyChecks.requireFraction(budget.getRatio(), "corti.http.retry.budget.ratio");
		CortiPropertyChecks.requireAtLeast(budget.getMinRetries(), 0, "corti.http.retry.budget.min-retries");
		CortiPropertyChecks.requirePositive(budget.getWindow(), "corti.http.retry.budget.window");
	}

	/**
	 * Forgets the identity (environment, tenant, credentials, URLs), which a named client
	 * never inherits.
	 */
	void clearIdentity() {
		this.environment = null;
		this.tenantName = null;
		this.clientId = null;
		this.clientSecret = null;
		this.tokenUri = null;
		this.baseUrl = null;
	}

	/**
	 * Returns the real-time WebSocket settings, under {@code corti.websocket}.
	 * @return the WebSocket settings
	 */
	public WebSocket getWebsocket() {
		return this.websocket;
	}

	@Override
	public String toString() {
		return "CortiProperties[environment=" + this.environment + ", tenantName=" + this.tenantName + ", clientId="
				+ this.clientId + ", clientSecret=" + ((this.clientSecret != null) ? "[hidden]" : "null") + "]";
	}

	/**
	 * A named client, under {@code corti.clients.<name>}: same keys as the top-level
	 * client.
	 *
	 * @since 0.1.0
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
		 * Token endpoint of this client. Defaults to the one of its environment and
		 * tenant.
		 */
		private @Nullable String tokenUri;

		/**
		 * Base URL of the REST API for this client. Defaults to the one of its
		 * environment.
		 */
		private @Nullable String baseUrl;

		private final Token token = new Token();

		private final Http http = new Http();

		private final WebSocket websocket = new WebSocket();

		/**
		 * Returns the Corti environment id of this client, such as {@code eu} or
		 * {@code us}.
		 * @return the environment id, or {@code null} when not set
		 */
		public @Nullable String getEnvironment() {
			return this.environment;
		}

		/**
		 * Sets the Corti environment id of this client, such as {@code eu} or {@code us}.
		 * @param environment the environment id, or {@code null} for none
		 */
		public void setEnvironment(@Nullable String environment) {
			this.environment = environment;
		}

		/**
		 * Returns the tenant name (Keycloak realm) of this client.
		 * @return the tenant name, or {@code null} when not set
		 */
		public @Nullable String getTenantName() {
			return this.tenantName;
		}

		/**
		 * Sets the tenant name (Keycloak realm) of this client.
		 * @param tenantName the tenant name, or {@code null} for none
		 */
		public void setTenantName(@Nullable String tenantName) {
			this.tenantName = tenantName;
		}

		/**
		 * Returns the client id of this client.
		 * @return the client id, or {@code null} when not set
		 */
		public @Nullable String getClientId() {
			return this.clientId;
		}

		/**
		 * Sets the client id of this client.
		 * @param clientId the client id, or {@code null} for none
		 */
		public void setClientId(@Nullable String clientId) {
			this.clientId = clientId;
		}

		/**
		 * Returns the client secret of this client.
		 * @return the client secret, or {@code null} when not set
		 */
		public @Nullable String getClientSecret() {
			return this.clientSecret;
		}

		/**
		 * Sets the client secret of this client.
		 * @param clientSecret the client secret, or {@code null} for none
		 */
		public void setClientSecret(@Nullable String clientSecret) {
			this.clientSecret = clientSecret;
		}

		/**
		 * Returns the extra scopes of this client; the top-level ones when not set.
		 * @return the extra scopes, or {@code null} when not set
		 */
		public @Nullable List<String> getScopes() {
			return this.scopes;
		}

		/**
		 * Sets the extra scopes of this client; the top-level ones when not set.
		 * @param scopes the extra scopes, or {@code null} for the top-level ones
		 */
		public void setScopes(@Nullable List<String> scopes) {
			this.scopes = scopes;
		}

		/**
		 * Returns the token endpoint of this client; derived from its environment and
		 * tenant when not set.
		 * @return the token endpoint, or {@code null} when not set
		 */
		public @Nullable String getTokenUri() {
			return this.tokenUri;
		}

		/**
		 * Sets the token endpoint of this client; derived from its environment and tenant
		 * when not set.
		 * @param tokenUri the token endpoint, or {@code null} for none
		 */
		public void setTokenUri(@Nullable String tokenUri) {
			this.tokenUri = tokenUri;
		}

		/**
		 * Returns the base URL of the REST API for this client; derived from its
		 * environment when not set.
		 * @return the base URL, or {@code null} when not set
		 */
		public @Nullable String getBaseUrl() {
			return this.baseUrl;
		}

		/**
		 * Sets the base URL of the REST API for this client; derived from its environment
		 * when not set.
		 * @param baseUrl the base URL, or {@code null} for none
		 */
		public void setBaseUrl(@Nullable String baseUrl) {
			this.baseUrl = baseUrl;
		}

		/**
		 * Returns the token lifecycle settings of this client, under
		 * {@code corti.clients.<name>.token}.
		 * @return the token settings
		 */
		public Token getToken() {
			return this.token;
		}

		/**
		 * Returns the HTTP connection settings of this client, under
		 * {@code corti.clients.<name>.http}.
		 * @return the HTTP settings
		 */
		public Http getHttp() {
			return this.http;
		}

		/**
		 * Returns the WebSocket settings of this client, under
		 * {@code corti.clients.<name>.websocket}.
		 * @return the WebSocket settings
		 */
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
	 *
	 * @since 0.1.0
	 */
	public static class Token {

		/**
		 * How long before expiry a token is renewed in the background. Capped at two
		 * thirds of a token's lifetime.
		 */
		private Duration renewBeforeExpiry = CortiTokenService.DEFAULT_RENEW_BEFORE_EXPIRY;

		/**
		 * Minimum remaining validity of a token attached to a request. Capped at a third
		 * of a token's lifetime.
		 */
		private Duration expiryMargin = CortiTokenService.DEFAULT_EXPIRY_MARGIN;

		/**
		 * Lifetime assumed when the token endpoint sends no expires_in and the token has
		 * no exp claim.
		 */
		private Duration defaultLifetime = CortiTokenService.DEFAULT_LIFETIME;

		/**
		 * How the client authenticates at the token endpoint: client_secret_post (as
		 * Corti's SDKs do) or client_secret_basic.
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
		 * How long the last error is returned at once to callers without a valid token,
		 * after the token endpoint rejected the request for good (wrong credentials or
		 * scope), before the endpoint is asked again. Also the least time between two
		 * tokens dropped because the API answered 401.
		 */
		private Duration failureBackoff = CortiTokenService.DEFAULT_FAILURE_BACKOFF;

		/**
		 * Whether to fetch the first token and build the clients in the background once
		 * the application is ready, so that the first call waits for neither. A failure
		 * is logged as a warning and never fails startup.
		 */
		private boolean prefetch = true;

		private final Retry retry = new Retry();

		/**
		 * Returns how long before expiry a token is renewed in the background.
		 * @return the time before expiry to renew
		 */
		public Duration getRenewBeforeExpiry() {
			return this.renewBeforeExpiry;
		}

		/**
		 * Sets how long before expiry a token is renewed in the background.
		 * @param renewBeforeExpiry the time before expiry to renew
		 */
		public void setRenewBeforeExpiry(Duration renewBeforeExpiry) {
			this.renewBeforeExpiry = renewBeforeExpiry;
		}

		/**
		 * Returns the minimum remaining validity of a token attached to a request.
		 * @return the expiry margin
		 */
		public Duration getExpiryMargin() {
			return this.expiryMargin;
		}

		/**
		 * Sets the minimum remaining validity of a token attached to a request.
		 * @param expiryMargin the expiry margin
		 */
		public void setExpiryMargin(Duration expiryMargin) {
			this.expiryMargin = expiryMargin;
		}

		/**
		 * Returns the lifetime assumed for a token that has neither {@code expires_in}
		 * nor an {@code exp} claim.
		 * @return the assumed lifetime
		 */
		public Duration getDefaultLifetime() {
			return this.defaultLifetime;
		}

		/**
		 * Sets the lifetime assumed for a token that has neither {@code expires_in} nor
		 * an {@code exp} claim.
		 * @param defaultLifetime the assumed lifetime
		 */
		public void setDefaultLifetime(Duration defaultLifetime) {
			this.defaultLifetime = defaultLifetime;
		}

		/**
		 * Returns how the client authenticates at the token endpoint.
		 * @return the client authentication method, {@code client_secret_post} or
		 * {@code client_secret_basic}
		 */
		public String getClientAuthenticationMethod() {
			return this.clientAuthenticationMethod;
		}

		/**
		 * Sets how the client authenticates at the token endpoint.
		 * @param clientAuthenticationMethod the client authentication method,
		 * {@code client_secret_post} or {@code client_secret_basic}
		 */
		public void setClientAuthenticationMethod(String clientAuthenticationMethod) {
			this.clientAuthenticationMethod = clientAuthenticationMethod;
		}

		/**
		 * Returns the connect timeout of token requests.
		 * @return the connect timeout
		 */
		public Duration getConnectTimeout() {
			return this.connectTimeout;
		}

		/**
		 * Sets the connect timeout of token requests.
		 * @param connectTimeout the connect timeout
		 */
		public void setConnectTimeout(Duration connectTimeout) {
			this.connectTimeout = connectTimeout;
		}

		/**
		 * Returns the read timeout of token requests.
		 * @return the read timeout
		 */
		public Duration getReadTimeout() {
			return this.readTimeout;
		}

		/**
		 * Sets the read timeout of token requests.
		 * @param readTimeout the read timeout
		 */
		public void setReadTimeout(Duration readTimeout) {
			this.readTimeout = readTimeout;
		}

		/**
		 * Returns how long the token endpoint is not asked again after it rejected a
		 * request for good.
		 * @return the failure backoff
		 */
		public Duration getFailureBackoff() {
			return this.failureBackoff;
		}

		/**
		 * Sets how long the token endpoint is not asked again after it rejected a request
		 * for good.
		 * @param failureBackoff the failure backoff
		 */
		public void setFailureBackoff(Duration failureBackoff) {
			this.failureBackoff = failureBackoff;
		}

		/**
		 * Returns whether to fetch the first token and build the clients in the
		 * background once the application is ready.
		 * @return whether to prefetch the first token and build the clients
		 */
		public boolean isPrefetch() {
			return this.prefetch;
		}

		/**
		 * Sets whether to fetch the first token and build the clients in the background
		 * once the application is ready.
		 * @param prefetch whether to prefetch the first token and build the clients
		 */
		public void setPrefetch(boolean prefetch) {
			this.prefetch = prefetch;
		}

		/**
		 * Returns the retries of failed token requests, under {@code corti.token.retry}.
		 * @return the token retry settings
		 */
		public Retry getRetry() {
			return this.retry;
		}

	}

	/**
	 * Retries of failed token requests, under {@code corti.token.retry}.
	 *
	 * @since 0.1.0
	 */
	public static class Retry {

		/**
		 * Maximum number of attempts of one token request, the first included. Only I/O
		 * errors, timeouts, 408, 429 and 5xx answers, and answers that are not a token
		 * response, are retried.
		 */
		private int maxAttempts = CortiTokenService.DEFAULT_MAX_ATTEMPTS;

		/**
		 * Wait before the second attempt; doubled for each further attempt, with jitter.
		 */
		private Duration initialBackoff = CortiTokenService.DEFAULT_INITIAL_BACKOFF;

		/**
		 * Upper bound of the wait between attempts.
		 */
		private Duration maxBackoff = CortiTokenService.DEFAULT_MAX_BACKOFF;

		/**
		 * Longest wait a Retry-After header on a 429 or 503 from the token endpoint can
		 * impose; no token request is made before the header's time, or this long,
		 * whichever comes first.
		 */
		private Duration maxRetryAfter = CortiTokenService.DEFAULT_MAX_RETRY_AFTER;

		/**
		 * Returns the maximum number of attempts of one token request, the first
		 * included.
		 * @return the maximum number of attempts
		 */
		public int getMaxAttempts() {
			return this.maxAttempts;
		}

		/**
		 * Sets the maximum number of attempts of one token request, the first included.
		 * @param maxAttempts the maximum number of attempts
		 */
		public void setMaxAttempts(int maxAttempts) {
			this.maxAttempts = maxAttempts;
		}

		/**
		 * Returns the wait before the second attempt of a token request.
		 * @return the initial backoff
		 */
		public Duration getInitialBackoff() {
			return this.initialBackoff;
		}

		/**
		 * Sets the wait before the second attempt of a token request.
		 * @param initialBackoff the initial backoff
		 */
		public void setInitialBackoff(Duration initialBackoff) {
			this.initialBackoff = initialBackoff;
		}

		/**
		 * Returns the upper bound of the wait between attempts.
		 * @return the maximum backoff
		 */
		public Duration getMaxBackoff() {
			return this.maxBackoff;
		}

		/**
		 * Sets the upper bound of the wait between attempts.
		 * @param maxBackoff the maximum backoff
		 */
		public void setMaxBackoff(Duration maxBackoff) {
			this.maxBackoff = maxBackoff;
		}

		/**
		 * Returns the longest wait a {@code Retry-After} header from the token endpoint
		 * can impose.
		 * @return the longest {@code Retry-After} wait
		 */
		public Duration getMaxRetryAfter() {
			return this.maxRetryAfter;
		}

		/**
		 * Sets the longest wait a {@code Retry-After} header from the token endpoint can
		 * impose.
		 * @param maxRetryAfter the longest {@code Retry-After} wait
		 */
		public void setMaxRetryAfter(Duration maxRetryAfter) {
			this.maxRetryAfter = maxRetryAfter;
		}

	}

	/**
	 * HTTP connections to the Corti API, under {@code corti.http}.
	 *
	 * @since 0.1.0
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
		 * Maximum number of open connections to the Corti API, shared by cortiWebClient
		 * and cortiRestClient (Reactor Netty).
		 */
		private int maxConnections = 100;

		/**
		 * Maximum number of requests waiting for a free connection (Reactor Netty); -1
		 * for no limit.
		 */
		private int maxPendingRequests = 1000;

		/**
		 * How long a request may wait for a free connection (Reactor Netty).
		 */
		private Duration pendingAcquireTimeout = Duration.ofSeconds(45);

		private final Proxy proxy = new Proxy();

		private final HttpRetry retry = new HttpRetry();

		/**
		 * Returns the connect timeout of Corti API calls.
		 * @return the connect timeout
		 */
		public Duration getConnectTimeout() {
			return this.connectTimeout;
		}

		/**
		 * Sets the connect timeout of Corti API calls.
		 * @param connectTimeout the connect timeout
		 */
		public void setConnectTimeout(Duration connectTimeout) {
			this.connectTimeout = connectTimeout;
		}

		/**
		 * Returns the read timeout of Corti API calls.
		 * @return the read timeout
		 */
		public Duration getReadTimeout() {
			return this.readTimeout;
		}

		/**
		 * Sets the read timeout of Corti API calls.
		 * @param readTimeout the read timeout
		 */
		public void setReadTimeout(Duration readTimeout) {
			this.readTimeout = readTimeout;
		}

		/**
		 * Returns the maximum number of open connections to the Corti API.
		 * @return the maximum number of connections
		 */
		public int getMaxConnections() {
			return this.maxConnections;
		}

		/**
		 * Sets the maximum number of open connections to the Corti API.
		 * @param maxConnections the maximum number of connections
		 */
		public void setMaxConnections(int maxConnections) {
			this.maxConnections = maxConnections;
		}

		/**
		 * Returns the maximum number of requests waiting for a free connection; -1 for no
		 * limit.
		 * @return the maximum number of pending requests
		 */
		public int getMaxPendingRequests() {
			return this.maxPendingRequests;
		}

		/**
		 * Sets the maximum number of requests waiting for a free connection; -1 for no
		 * limit.
		 * @param maxPendingRequests the maximum number of pending requests, or -1 for no
		 * limit
		 */
		public void setMaxPendingRequests(int maxPendingRequests) {
			this.maxPendingRequests = maxPendingRequests;
		}

		/**
		 * Returns how long a request may wait for a free connection.
		 * @return the pending acquire timeout
		 */
		public Duration getPendingAcquireTimeout() {
			return this.pendingAcquireTimeout;
		}

		/**
		 * Sets how long a request may wait for a free connection.
		 * @param pendingAcquireTimeout the pending acquire timeout
		 */
		public void setPendingAcquireTimeout(Duration pendingAcquireTimeout) {
			this.pendingAcquireTimeout = pendingAcquireTimeout;
		}

		/**
		 * Returns the outbound HTTP proxy settings, under {@code corti.http.proxy}.
		 * @return the proxy settings
		 */
		public Proxy getProxy() {
			return this.proxy;
		}

		/**
		 * Returns the retries of failed Corti API calls, under {@code corti.http.retry}.
		 * @return the API retry settings
		 */
		public HttpRetry getRetry() {
			return this.retry;
		}

	}

	/**
	 * Retries of Corti API calls that failed for a transient reason, under
	 * {@code corti.http.retry}.
	 *
	 * @since 0.1.0
	 */
	public static class HttpRetry {

		/**
		 * Whether API calls that failed for a transient reason are retried. GET, HEAD,
		 * OPTIONS, PUT and DELETE are retried on I/O errors, 408, 502, 503, 504 and on
		 * 429 with Retry-After; POST and PATCH only when the connection could not be
		 * made, so the server never saw them.
		 */
		private boolean enabled = true;

		/**
		 * Maximum number of retries of one call, on top of the first attempt.
		 */
		private int maxRetries = CortiApiRetries.DEFAULT_MAX_RETRIES;

		/**
		 * Wait before the first retry; doubled for each further retry, with jitter.
		 */
		private Duration initialBackoff = CortiApiRetries.DEFAULT_INITIAL_BACKOFF;

		/**
		 * Upper bound of the wait between attempts.
		 */
		private Duration maxBackoff = CortiApiRetries.DEFAULT_MAX_BACKOFF;

		/**
		 * Longest wait a Retry-After or X-RateLimit-Reset header can ask for and still be
		 * retried; an answer that asks for a longer wait goes to the caller at once.
		 */
		private Duration maxRetryAfter = CortiApiRetries.DEFAULT_MAX_RETRY_AFTER;

		private final Budget budget = new Budget();

		/**
		 * Returns whether API calls that failed for a transient reason are retried.
		 * @return whether retries are enabled
		 */
		public boolean isEnabled() {
			return this.enabled;
		}

		/**
		 * Sets whether API calls that failed for a transient reason are retried.
		 * @param enabled whether to retry
		 */
		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		/**
		 * Returns the maximum number of retries of one call, on top of the first attempt.
		 * @return the maximum number of retries
		 */
		public int getMaxRetries() {
			return this.maxRetries;
		}

		/**
		 * Sets the maximum number of retries of one call, on top of the first attempt.
		 * @param maxRetries the maximum number of retries
		 */
		public void setMaxRetries(int maxRetries) {
			this.maxRetries = maxRetries;
		}

		/**
		 * Returns the wait before the first retry.
		 * @return the initial backoff
		 */
		public Duration getInitialBackoff() {
			return this.initialBackoff;
		}

		/**
		 * Sets the wait before the first retry.
		 * @param initialBackoff the initial backoff
		 */
		public void setInitialBackoff(Duration initialBackoff) {
			this.initialBackoff = initialBackoff;
		}

		/**
		 * Returns the upper bound of the wait between attempts.
		 * @return the maximum backoff
		 */
		public Duration getMaxBackoff() {
			return this.maxBackoff;
		}

		/**
		 * Sets the upper bound of the wait between attempts.
		 * @param maxBackoff the maximum backoff
		 */
		public void setMaxBackoff(Duration maxBackoff) {
			this.maxBackoff = maxBackoff;
		}

		/**
		 * Returns the longest wait a {@code Retry-After} or {@code X-RateLimit-Reset}
		 * header can ask for and still be retried.
		 * @return the longest wait a server may ask for
		 */
		public Duration getMaxRetryAfter() {
			return this.maxRetryAfter;
		}

		/**
		 * Sets the longest wait a {@code Retry-After} or {@code X-RateLimit-Reset} header
		 * can ask for and still be retried.
		 * @param maxRetryAfter the longest wait a server may ask for
		 */
		public void setMaxRetryAfter(Duration maxRetryAfter) {
			this.maxRetryAfter = maxRetryAfter;
		}

		/**
		 * Returns the retry budget, under {@code corti.http.retry.budget}.
		 * @return the retry budget settings
		 */
		public Budget getBudget() {
			return this.budget;
		}

	}

	/**
	 * Retry budget of the Corti API calls of one client, under
	 * {@code corti.http.retry.budget}: during an outage retries add at most this share of
	 * load instead of multiplying it.
	 *
	 * @since 0.1.0
	 */
	public static class Budget {

		/**
		 * Largest number of retries, as a fraction of the calls made in the window, on
		 * top of min-retries.
		 */
		private double ratio = CortiApiRetries.DEFAULT_BUDGET_RATIO;

		/**
		 * Retries allowed in every window whatever the traffic, so that a quiet
		 * application still retries.
		 */
		private int minRetries = CortiApiRetries.DEFAULT_BUDGET_MIN_RETRIES;

		/**
		 * Sliding window over which calls and retries are counted.
		 */
		private Duration window = CortiApiRetries.DEFAULT_BUDGET_WINDOW;

		/**
		 * Returns the largest number of retries, as a fraction of the calls made in the
		 * window, on top of the minimum.
		 * @return the ratio of retries to calls
		 */
		public double getRatio() {
			return this.ratio;
		}

		/**
		 * Sets the largest number of retries, as a fraction of the calls made in the
		 * window, on top of the minimum.
		 * @param ratio the ratio of retries to calls
		 */
		public void setRatio(double ratio) {
			this.ratio = ratio;
		}

		/**
		 * Returns the retries allowed in every window whatever the traffic.
		 * @return the minimum number of retries per window
		 */
		public int getMinRetries() {
			return this.minRetries;
		}

		/**
		 * Sets the retries allowed in every window whatever the traffic.
		 * @param minRetries the minimum number of retries per window
		 */
		public void setMinRetries(int minRetries) {
			this.minRetries = minRetries;
		}

		/**
		 * Returns the sliding window over which calls and retries are counted.
		 * @return the window
		 */
		public Duration getWindow() {
			return this.window;
		}

		/**
		 * Sets the sliding window over which calls and retries are counted.
		 * @param window the window
		 */
		public void setWindow(Duration window) {
			this.window = window;
		}

	}

	/**
	 * Outbound HTTP proxy for the token endpoint and the API, under
	 * {@code corti.http.proxy}.
	 *
	 * @since 0.1.0
	 */
	public static class Proxy {

		/**
		 * Host of an HTTP proxy that token requests and API calls go through; unset for a
		 * direct connection.
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

		/**
		 * Returns the host of the HTTP proxy; unset for a direct connection.
		 * @return the proxy host, or {@code null} for a direct connection
		 */
		public @Nullable String getHost() {
			return this.host;
		}

		/**
		 * Sets the host of the HTTP proxy; unset for a direct connection.
		 * @param host the proxy host, or {@code null} for a direct connection
		 */
		public void setHost(@Nullable String host) {
			this.host = host;
		}

		/**
		 * Returns the port of the HTTP proxy.
		 * @return the proxy port
		 */
		public int getPort() {
			return this.port;
		}

		/**
		 * Sets the port of the HTTP proxy.
		 * @param port the proxy port
		 */
		public void setPort(int port) {
			this.port = port;
		}

		/**
		 * Returns the user name for proxy authentication.
		 * @return the user name, or {@code null} when not set
		 */
		public @Nullable String getUsername() {
			return this.username;
		}

		/**
		 * Sets the user name for proxy authentication.
		 * @param username the user name, or {@code null} for none
		 */
		public void setUsername(@Nullable String username) {
			this.username = username;
		}

		/**
		 * Returns the password for proxy authentication.
		 * @return the password, or {@code null} when not set
		 */
		public @Nullable String getPassword() {
			return this.password;
		}

		/**
		 * Sets the password for proxy authentication.
		 * @param password the password, or {@code null} for none
		 */
		public void setPassword(@Nullable String password) {
			this.password = password;
		}

	}

	/**
	 * Real-time WebSocket URLs, under {@code corti.websocket}.
	 *
	 * @since 0.1.0
	 */
	public static class WebSocket {

		/**
		 * Whether streams and transcribe WebSocket URLs carry narrower tokens (scope
		 * 'openid streams' or 'openid transcribe', each from its own cache) instead of
		 * the main token.
		 */
		private boolean scopedTokens;

		/**
		 * Returns whether streams and transcribe WebSocket URLs carry narrower tokens
		 * instead of the main token.
		 * @return whether to use scoped tokens
		 */
		public boolean isScopedTokens() {
			return this.scopedTokens;
		}

		/**
		 * Sets whether streams and transcribe WebSocket URLs carry narrower tokens
		 * instead of the main token.
		 * @param scopedTokens whether to use scoped tokens
		 */
		public void setScopedTokens(boolean scopedTokens) {
			this.scopedTokens = scopedTokens;
		}

	}

}
