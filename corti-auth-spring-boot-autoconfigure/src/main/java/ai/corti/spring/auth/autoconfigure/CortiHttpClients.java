package ai.corti.spring.auth.autoconfigure;

import java.io.IOException;
import java.net.Authenticator;
import java.net.InetSocketAddress;
import java.net.PasswordAuthentication;
import java.net.ProxySelector;
import java.net.URI;
import java.time.Duration;
import java.util.function.Function;
import java.util.function.Supplier;

import ai.corti.spring.auth.CortiConfigurationException;
import org.apache.hc.client5.http.impl.async.HttpAsyncClientBuilder;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.eclipse.jetty.client.WWWAuthenticationProtocolHandler;
import org.eclipse.jetty.util.component.LifeCycle;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.transport.ProxyProvider;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.HttpComponentsClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpRedirects;
import org.springframework.boot.http.client.JdkClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.JettyClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.ReactorClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.SimpleClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.boot.http.client.reactive.HttpComponentsClientHttpConnectorBuilder;
import org.springframework.boot.http.client.reactive.JdkClientHttpConnectorBuilder;
import org.springframework.boot.http.client.reactive.JettyClientHttpConnectorBuilder;
import org.springframework.boot.http.client.reactive.ReactorClientHttpConnectorBuilder;
import org.springframework.http.HttpMethod;
import org.springframework.http.client.ClientHttpRequest;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.http.client.reactive.ClientHttpResponse;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;
import org.springframework.util.function.SingletonSupplier;

/**
 * Builds the HTTP clients under the Corti clients from Boot's own builders and settings
 * (so SSL bundles apply), with Corti's timeouts, connection pool and proxy on top, and
 * redirects never followed. Reactor Netty and the JDK client are supported for a proxy;
 * any other client Boot detects is used as Boot configures it.
 */
final class CortiHttpClients {

	private static final boolean REACTOR_PRESENT = ClassUtils.isPresent("reactor.netty.http.client.HttpClient",
			CortiHttpClients.class.getClassLoader());

	private static final boolean JETTY_PRESENT = ClassUtils.isPresent("org.eclipse.jetty.client.HttpClient",
			CortiHttpClients.class.getClassLoader());

	private static final boolean HTTP_COMPONENTS_PRESENT = ClassUtils.isPresent(
			"org.apache.hc.client5.http.impl.classic.HttpClientBuilder", CortiHttpClients.class.getClassLoader());

	private final HttpClientSettings baseSettings;

	private final CortiProperties.Proxy proxy;

	private final @Nullable Object connectionProvider;

	CortiHttpClients(HttpClientSettings baseSettings, CortiProperties.Proxy proxy,
			@Nullable Object connectionProvider) {
		this.baseSettings = baseSettings;
		this.proxy = proxy;
		this.connectionProvider = connectionProvider;
		if (StringUtils.hasText(proxy.getHost())) {
			proxy.getPort();
		}
	}

	static boolean isReactorPresent() {
		return REACTOR_PRESENT;
	}

	/**
	 * Whether Spring WebFlux's {@code WebClient} is on the class path, and with it the
	 * Corti {@code WebClient}s.
	 * @param classLoader the application's class loader
	 * @return {@code true} with Spring WebFlux
	 */
	static boolean isWebClientPresent(@Nullable ClassLoader classLoader) {
		return ClassUtils.isPresent("org.springframework.web.reactive.function.client.WebClient", classLoader);
	}

	ClientHttpRequestFactory requestFactory(ClientHttpRequestFactoryBuilder<?> builder, Duration connectTimeout,
			Duration readTimeout, boolean pooled) {
		ClientHttpRequestFactoryBuilder<?> configured = builder;
		if (REACTOR_PRESENT && builder instanceof ReactorClientHttpRequestFactoryBuilder reactor) {
			configured = Reactor.configure(reactor, this.proxy, pooled ? this.connectionProvider : null);
		}
		else if (builder instanceof JdkClientHttpRequestFactoryBuilder jdk) {
			requireJdkProxyCredentialsWork();
			configured = hasProxy() ? jdk.withHttpClientCustomizer((client) -> Jdk.configureProxy(client, this.proxy))
					: jdk;
		}
		else if (JETTY_PRESENT && builder instanceof JettyClientHttpRequestFactoryBuilder jetty) {
			requireNoProxy(builder);
			configured = Jetty.configure(jetty);
		}
		else if (HTTP_COMPONENTS_PRESENT && builder instanceof HttpComponentsClientHttpRequestFactoryBuilder apache) {
			requireNoProxy(builder);
			configured = HttpComponents.configure(apache);
		}
		else {
			requireNoProxy(builder);
		}
		ClientHttpRequestFactoryBuilder<?> toBuild = configured;
		Supplier<ClientHttpRequestFactory> build = () -> build(toBuild, builder, connectTimeout, readTimeout);
		// A client Boot knows is built on first use: the first call, or the first token
		// request, pays for it rather than the application's start. Any other builder is
		// built now, so that one that cannot honour the settings fails startup.
		return isKnown(builder) ? new LazyRequestFactory(SingletonSupplier.of(build)) : build.get();
	}

	/**
	 * Fails now, naming the property and the fix, when an HTTP client Boot chose cannot
	 * honour the Corti settings (a proxy, proxy credentials, no redirects): the clients
	 * are built on first use, and a wrong setting must still fail startup. Builds nothing
	 * for the five HTTP clients Boot supports, and checks nothing for them without a
	 * proxy; any other blocking client's builder is built once, as the first call would.
	 * @param requestFactoryBuilder the builder of blocking HTTP clients
	 * @param connectorBuilder the builder of reactive HTTP clients, or one that supplies
	 * {@code null} without Spring WebFlux; asked for only with a proxy
	 * @param connectTimeout the connect timeout
	 * @param readTimeout the read timeout
	 */
	void check(ClientHttpRequestFactoryBuilder<?> requestFactoryBuilder,
			Supplier<? extends @Nullable ClientHttpConnectorBuilder<?>> connectorBuilder, Duration connectTimeout,
			Duration readTimeout) {
		// Without a proxy, Boot's five clients need no check.
		if (hasProxy() || !isKnown(requestFactoryBuilder)) {
			ClientHttpRequestFactory checked = requestFactory(requestFactoryBuilder, connectTimeout, readTimeout,
					false);
			// Built only to be checked: the first call builds its own.
			if (checked instanceof DisposableBean disposable) {
				try {
					disposable.destroy();
				}
				catch (Exception ex) {
					throw new IllegalStateException("Could not close the HTTP client built to check it", ex);
				}
			}
		}
		ClientHttpConnectorBuilder<?> reactive = hasProxy() ? connectorBuilder.get() : null;
		if (reactive != null) {
			connector(reactive, connectTimeout, readTimeout);
		}
	}

	private ClientHttpRequestFactory build(ClientHttpRequestFactoryBuilder<?> configured,
			ClientHttpRequestFactoryBuilder<?> builder, Duration connectTimeout, Duration readTimeout) {
		try {
			return configured.build(settings(connectTimeout, readTimeout));
		}
		catch (IllegalStateException ex) {
			// Boot's reflective builder (a ClientHttpRequestFactoryBuilder.of(…) bean)
			// cannot turn redirects off.
			if (ex.getMessage() != null && ex.getMessage().contains("redirect")) {
				throw new CortiConfigurationException("spring.http.clients.imperative.factory",
						"selects an HTTP client (" + builder.getClass().getSimpleName() + ") that cannot be told not "
								+ "to follow redirects, which the Corti clients require: a redirect would carry the "
								+ "token, the tenant or the client secret to whatever host it names",
						"Use one of the HTTP clients Boot supports (reactor, jdk, simple, jetty, http-components), "
								+ "or a ClientHttpRequestFactoryBuilder bean that honours HttpClientSettings.redirects.");
			}
			throw ex;
		}
	}

	/**
	 * Whether the builder is one of the five Boot supports, which all honour the
	 * settings, so that building it can wait.
	 * @param builder the builder
	 * @return {@code true} for Boot's Reactor Netty, JDK, simple, Jetty and Apache
	 * HttpClient builders
	 */
	private static boolean isKnown(ClientHttpRequestFactoryBuilder<?> builder) {
		return (REACTOR_PRESENT && builder instanceof ReactorClientHttpRequestFactoryBuilder)
				|| builder instanceof JdkClientHttpRequestFactoryBuilder
				|| builder instanceof SimpleClientHttpRequestFactoryBuilder
				|| (JETTY_PRESENT && builder instanceof JettyClientHttpRequestFactoryBuilder)
				|| (HTTP_COMPONENTS_PRESENT && builder instanceof HttpComponentsClientHttpRequestFactoryBuilder);
	}

	ClientHttpConnector connector(ClientHttpConnectorBuilder<?> builder, Duration connectTimeout,
			Duration readTimeout) {
		ClientHttpConnectorBuilder<?> configured = builder;
		if (REACTOR_PRESENT && builder instanceof ReactorClientHttpConnectorBuilder reactor) {
			configured = Reactor.configure(reactor, this.proxy, this.connectionProvider);
		}
		else if (builder instanceof JdkClientHttpConnectorBuilder jdk) {
			requireJdkProxyCredentialsWork();
			configured = hasProxy() ? jdk.withHttpClientCustomizer((client) -> Jdk.configureProxy(client, this.proxy))
					: jdk;
		}
		else if (JETTY_PRESENT && builder instanceof JettyClientHttpConnectorBuilder jetty) {
			requireNoProxy(builder);
			configured = Jetty.configure(jetty);
		}
		else if (HTTP_COMPONENTS_PRESENT && builder instanceof HttpComponentsClientHttpConnectorBuilder apache) {
			requireNoProxy(builder);
			configured = HttpComponents.configure(apache);
		}
		else {
			requireNoProxy(builder);
		}
		ClientHttpConnectorBuilder<?> toBuild = configured;
		// Built on the first call rather than at the application's start.
		return new LazyConnector(SingletonSupplier.of(() -> toBuild.build(settings(connectTimeout, readTimeout))));
	}

	/**
	 * Boot's settings with Corti's timeouts, and never following redirects: the HTTP
	 * client would follow them with the token, the tenant and (for the token endpoint)
	 * the client secret already attached, whatever the target.
	 * @param connectTimeout the connect timeout
	 * @param readTimeout the read timeout
	 * @return the settings
	 */
	private HttpClientSettings settings(Duration connectTimeout, Duration readTimeout) {
		return this.baseSettings.withTimeouts(connectTimeout, readTimeout).withRedirects(HttpRedirects.DONT_FOLLOW);
	}

	private boolean hasProxy() {
		return StringUtils.hasText(this.proxy.getHost());
	}

	private void requireNoProxy(Object builder) {
		if (hasProxy()) {
			throw new CortiConfigurationException("corti.http.proxy.host",
					"is set, but the HTTP client in use (" + builder.getClass().getSimpleName()
							+ ") is not supported for a proxy",
					"Use Reactor Netty (brought by the starter) or the JDK HttpClient, for example with "
							+ "spring.http.clients.imperative.factory=reactor, or configure the proxy on your HTTP client.");
		}
	}

	/**
	 * Before Java 24 the JDK {@code HttpClient} drops every {@code Authorization} header
	 * a request sets itself when the client has an {@code Authenticator} (JDK-8326949),
	 * so proxy credentials would strip the bearer token from every API call.
	 */
	private void requireJdkProxyCredentialsWork() {
		int java = Runtime.version().feature();
		if (hasProxy() && StringUtils.hasText(this.proxy.getUsername()) && java < 24) {
			throw new CortiConfigurationException("corti.http.proxy.username",
					"is set, but with the JDK HttpClient on Java " + java + " proxy credentials make every API call "
							+ "lose its bearer token (the JDK drops a request's Authorization header when the client "
							+ "has an Authenticator, JDK-8326949, changed in Java 24)",
					"Use Reactor Netty (brought by the starter; spring.http.clients.imperative.factory=reactor and "
							+ "spring.http.clients.reactive.connector=reactor), run on Java 24 or later, or use a proxy "
							+ "that needs no credentials.");
		}
	}

	/**
	 * JDK HttpClient specifics, loaded only with a proxy for it.
	 */
	static final class Jdk {

		private Jdk() {
		}

		static void configureProxy(java.net.http.HttpClient.Builder builder, CortiProperties.Proxy proxy) {
			builder.proxy(ProxySelector.of(new InetSocketAddress(proxy.getHost(), proxy.getPort())));
			String username = proxy.getUsername();
			String password = proxy.getPassword();
			if (StringUtils.hasText(username)) {
				char[] secret = (password != null) ? password.toCharArray() : new char[0];
				builder.authenticator(new Authenticator() {
					@Override
					protected @Nullable PasswordAuthentication getPasswordAuthentication() {
						return (getRequestorType() == RequestorType.PROXY)
								? new PasswordAuthentication(username, secret) : null;
					}
				});
			}
		}

	}

	/**
	 * Jetty specifics, loaded only with Jetty: its authentication handler aborts a
	 * request whose body is still being sent when a {@code 401} arrives and hands the
	 * caller an I/O error, so neither the token endpoint's {@code invalid_client} nor an
	 * API's {@code 401} would reach the Corti code that handles them.
	 */
	static final class Jetty {

		private Jetty() {
		}

		static JettyClientHttpRequestFactoryBuilder configure(JettyClientHttpRequestFactoryBuilder builder) {
			return builder.withHttpClientCustomizer(Jetty::withoutAuthenticationHandler);
		}

		static JettyClientHttpConnectorBuilder configure(JettyClientHttpConnectorBuilder builder) {
			return builder.withHttpClientCustomizer(Jetty::withoutAuthenticationHandler);
		}

		private static void withoutAuthenticationHandler(org.eclipse.jetty.client.HttpClient client) {
			// Jetty adds its protocol handlers when the client starts.
			client.addEventListener(new LifeCycle.Listener() {

				@Override
				public void lifeCycleStarted(LifeCycle event) {
					client.getProtocolHandlers().remove(WWWAuthenticationProtocolHandler.NAME);
				}

			});
		}

	}

	/**
	 * Apache HttpClient specifics, loaded only with it: its default retry strategy
	 * resends any request, a {@code POST} too, after a {@code 503} or {@code 429}, and
	 * idempotent ones after I/O errors. The Corti clients decide retries themselves
	 * ({@code corti.http.retry.*}, {@code corti.token.retry.*}), so Apache's are off.
	 */
	static final class HttpComponents {

		private HttpComponents() {
		}

		static HttpComponentsClientHttpRequestFactoryBuilder configure(
				HttpComponentsClientHttpRequestFactoryBuilder builder) {
			return builder.withHttpClientCustomizer(HttpClientBuilder::disableAutomaticRetries);
		}

		static HttpComponentsClientHttpConnectorBuilder configure(HttpComponentsClientHttpConnectorBuilder builder) {
			return builder.withHttpClientCustomizer(HttpAsyncClientBuilder::disableAutomaticRetries);
		}

	}

	/**
	 * Reactor Netty specifics, in their own class so that it loads only when Reactor
	 * Netty is present.
	 */
	static final class Reactor {

		private Reactor() {
		}

		static ConnectionProvider connectionProvider(CortiProperties.Http http) {
			return ConnectionProvider.builder("corti")
				.maxConnections(http.getMaxConnections())
				.pendingAcquireMaxCount(http.getMaxPendingRequests())
				.pendingAcquireTimeout(http.getPendingAcquireTimeout())
				.build();
		}

		static ReactorClientHttpRequestFactoryBuilder configure(ReactorClientHttpRequestFactoryBuilder builder,
				CortiProperties.Proxy proxy, @Nullable Object connectionProvider) {
			ReactorClientHttpRequestFactoryBuilder configured = (connectionProvider instanceof CortiConnectionPool pool)
					? builder.withHttpClientFactory(() -> HttpClient.create(pool.connectionProvider())) : builder;
			return configured.withHttpClientCustomizer((client) -> withProxy(client, proxy));
		}

		static ReactorClientHttpConnectorBuilder configure(ReactorClientHttpConnectorBuilder builder,
				CortiProperties.Proxy proxy, @Nullable Object connectionProvider) {
			ReactorClientHttpConnectorBuilder configured = (connectionProvider instanceof CortiConnectionPool pool)
					? builder.withHttpClientFactory(() -> HttpClient.create(pool.connectionProvider())) : builder;
			return configured.withHttpClientCustomizer((client) -> withProxy(client, proxy));
		}

		private static HttpClient withProxy(HttpClient client, CortiProperties.Proxy proxy) {
			String host = proxy.getHost();
			if (!StringUtils.hasText(host)) {
				return client;
			}
			return client.proxy((spec) -> {
				ProxyProvider.Builder builder = spec.type(ProxyProvider.Proxy.HTTP).host(host).port(proxy.getPort());
				String username = proxy.getUsername();
				if (StringUtils.hasText(username)) {
					String password = proxy.getPassword();
					builder.username(username).password((user) -> (password != null) ? password : "");
				}
			});
		}

	}

	/**
	 * A request factory that builds its HTTP client on first use.
	 */
	private static final class LazyRequestFactory implements ClientHttpRequestFactory {

		private final SingletonSupplier<ClientHttpRequestFactory> factory;

		LazyRequestFactory(SingletonSupplier<ClientHttpRequestFactory> factory) {
			this.factory = factory;
		}

		@Override
		public ClientHttpRequest createRequest(URI uri, HttpMethod httpMethod) throws IOException {
			return this.factory.obtain().createRequest(uri, httpMethod);
		}

	}

	/**
	 * A connector that builds its HTTP client on first use.
	 */
	private static final class LazyConnector implements ClientHttpConnector {

		private final SingletonSupplier<ClientHttpConnector> connector;

		LazyConnector(SingletonSupplier<ClientHttpConnector> connector) {
			this.connector = connector;
		}

		@Override
		public Mono<ClientHttpResponse> connect(HttpMethod method, URI uri,
				Function<? super org.springframework.http.client.reactive.ClientHttpRequest, Mono<Void>> requestCallback) {
			return Mono.defer(() -> this.connector.obtain().connect(method, uri, requestCallback));
		}

	}

}
