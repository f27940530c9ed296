package ai.corti.spring.auth.autoconfigure;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

import ai.corti.spring.auth.CortiAuthFilter;
import ai.corti.spring.auth.CortiWebClientCustomizer;

import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Turns a {@code WebClient.Builder} into a Corti client: the Corti connector (connection
 * pool, proxy, timeouts, redirects never followed), base URL and token filter, then the
 * users' {@link CortiWebClientCustomizer}s. Used for {@code cortiWebClient},
 * {@code cortiWebClientBuilder} and the {@code corti} HTTP service group, so all behave
 * the same; inject it to make more Corti clients, for example one with a longer read
 * timeout for uploads: <pre>{@code
 * WebClient uploads = configurer.configure(WebClient.builder(), Duration.ofMinutes(5)).build();
 * }</pre>
 *
 * @since 0.1.0
 */
public final class CortiWebClientBuilderConfigurer {

	private final ClientHttpConnector connector;

	private final Function<Duration, ClientHttpConnector> connectorWithReadTimeout;

	private final URI baseUrl;

	private final CortiAuthFilter filter;

	private final List<CortiWebClientCustomizer> customizers;

	CortiWebClientBuilderConfigurer(Function<Duration, ClientHttpConnector> connectorWithReadTimeout,
			Duration readTimeout, URI baseUrl, CortiAuthFilter filter, List<CortiWebClientCustomizer> customizers) {
		this.connectorWithReadTimeout = connectorWithReadTimeout;
		this.connector = connectorWithReadTimeout.apply(readTimeout);
		this.baseUrl = baseUrl;
		this.filter = filter;
		this.customizers = customizers;
	}

	/**
	 * Configures {@code builder} as a Corti client with the {@code corti.http.*}
	 * settings.
	 * @param builder the builder to configure, typically a clone of Boot's
	 * @return the same builder
	 */
	public WebClient.Builder configure(WebClient.Builder builder) {
		return configure(builder, this.connector);
	}

	/**
	 * Configures {@code builder} as a Corti client whose HTTP client waits up to
	 * {@code readTimeout} for an answer instead of {@code corti.http.read-timeout};
	 * everything else is as {@link #configure(WebClient.Builder)}.
	 * @param builder the builder to configure
	 * @param readTimeout the read timeout of the client's calls
	 * @return the same builder
	 */
	public WebClient.Builder configure(WebClient.Builder builder, Duration readTimeout) {
		return configure(builder, this.connectorWithReadTimeout.apply(readTimeout));
	}

	private WebClient.Builder configure(WebClient.Builder builder, ClientHttpConnector connector) {
		builder.clientConnector(connector).baseUrl(this.baseUrl.toString()).filter(this.filter);
		this.customizers.forEach((customizer) -> customizer.customize(builder));
		return builder;
	}

}
