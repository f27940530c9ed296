package ai.corti.spring.auth.autoconfigure;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

import ai.corti.spring.auth.CortiAuthInterceptor;
import ai.corti.spring.auth.CortiRestClientCustomizer;

import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * Turns a {@code RestClient.Builder} into a Corti client: the Corti HTTP client (proxy,
 * timeouts, redirects never followed), base URL and token interceptor, then the users'
 * {@link CortiRestClientCustomizer}s. Used for {@code cortiRestClient},
 * {@code cortiRestClientBuilder} and the {@code corti} HTTP service group, so all behave
 * the same; inject it to make more Corti clients, for example one with a longer read
 * timeout for uploads: <pre>{@code
 * RestClient uploads = configurer.configure(RestClient.builder(), Duration.ofMinutes(5)).build();
 * }</pre>
 *
 * @since 0.1.0
 */
public final class CortiRestClientBuilderConfigurer {

	private final ClientHttpRequestFactory requestFactory;

	private final Function<Duration, ClientHttpRequestFactory> requestFactoryWithReadTimeout;

	private final URI baseUrl;

	private final CortiAuthInterceptor interceptor;

	private final List<CortiRestClientCustomizer> customizers;

	CortiRestClientBuilderConfigurer(Function<Duration, ClientHttpRequestFactory> requestFactoryWithReadTimeout,
			Duration readTimeout, URI baseUrl, CortiAuthInterceptor interceptor,
			List<CortiRestClientCustomizer> customizers) {
		this.requestFactoryWithReadTimeout = requestFactoryWithReadTimeout;
		this.requestFactory = requestFactoryWithReadTimeout.apply(readTimeout);
		this.baseUrl = baseUrl;
		this.interceptor = interceptor;
		this.customizers = customizers;
	}

	/**
	 * Configures {@code builder} as a Corti client with the {@code corti.http.*}
	 * settings.
	 * @param builder the builder to configure, typically a clone of Boot's
	 * @return the same builder
	 */
	public RestClient.Builder configure(RestClient.Builder builder) {
		return configure(builder, this.requestFactory);
	}

	/**
	 * Configures {@code builder} as a Corti client whose HTTP client waits up to
	 * {@code readTimeout} for an answer instead of {@code corti.http.read-timeout};
	 * everything else is as {@link #configure(RestClient.Builder)}.
	 * @param builder the builder to configure
	 * @param readTimeout the read timeout of the client's calls
	 * @return the same builder
	 */
	public RestClient.Builder configure(RestClient.Builder builder, Duration readTimeout) {
		return configure(builder, this.requestFactoryWithReadTimeout.apply(readTimeout));
	}

	private RestClient.Builder configure(RestClient.Builder builder, ClientHttpRequestFactory requestFactory) {
		builder.requestFactory(requestFactory).baseUrl(this.baseUrl.toString()).requestInterceptor(this.interceptor);
		this.customizers.forEach((customizer) -> customizer.customize(builder));
		return builder;
	}

}
