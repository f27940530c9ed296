package ai.corti.spring.auth.autoconfigure;

import java.util.function.Supplier;

import ai.corti.spring.auth.CortiFrontendTokens;
import ai.corti.spring.auth.CortiTokenService;
import ai.corti.spring.auth.CortiWebSocketUrls;
import org.jspecify.annotations.Nullable;

import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * One named Corti client ({@code corti.clients.<name>}): its own registration
 * ({@code corti-<name>}), token cache, renewal, 401 healing, retries, {@code RestClient},
 * {@code WebClient}, WebSocket URLs and front-end tokens. Look it up with
 * {@link CortiClients#get(String)}, or inject its clients with
 * {@code @Qualifier("corti-<name>")}.
 *
 * @since 0.1.0
 */
public final class CortiClient {

	private final String name;

	private final Supplier<CortiTokenService> tokenService;

	private final Supplier<CortiRestClientBuilderConfigurer> restClientConfigurer;

	private final RestClient restClient;

	private final Supplier<@Nullable CortiWebClientBuilderConfigurer> webClientConfigurer;

	private final @Nullable WebClient webClient;

	private final Supplier<@Nullable CortiWebSocketUrls> webSocketUrls;

	private final CortiFrontendTokens frontendTokens;

	/**
	 * A named client whose token service, configurers and WebSocket URLs are made when
	 * first asked for, and whose clients are built on their first call.
	 * @param name the client's name
	 * @param tokenService supplies its token service, once
	 * @param restClientConfigurer supplies its {@code RestClient} configurer, once
	 * @param restClient its {@code RestClient}
	 * @param webClientConfigurer supplies its {@code WebClient} configurer, once;
	 * {@code null} without Spring WebFlux
	 * @param webClient its {@code WebClient}, if Spring WebFlux is on the class path
	 * @param webSocketUrls supplies its WebSocket URLs, once; {@code null} without
	 * Reactor
	 * @param frontendTokens its tokens for front-ends
	 */
	CortiClient(String name, Supplier<CortiTokenService> tokenService,
			Supplier<CortiRestClientBuilderConfigurer> restClientConfigurer, RestClient restClient,
			Supplier<@Nullable CortiWebClientBuilderConfigurer> webClientConfigurer, @Nullable WebClient webClient,
			Supplier<@Nullable CortiWebSocketUrls> webSocketUrls, CortiFrontendTokens frontendTokens) {
		this.name = name;
		this.tokenService = tokenService;
		this.restClientConfigurer = restClientConfigurer;
		this.restClient = restClient;
		this.webClientConfigurer = webClientConfigurer;
		this.webClient = webClient;
		this.webSocketUrls = webSocketUrls;
		this.frontendTokens = frontendTokens;
	}

	/**
	 * The client's name, as in {@code corti.clients.<name>}.
	 * @return the name
	 */
	public String getName() {
		return this.name;
	}

	/**
	 * Its registration id, {@code corti-<name>}: the qualifier of its beans and the tag
	 * of its meters.
	 * @return the registration id
	 */
	public String getRegistrationId() {
		return CortiClients.registrationId(this.name);
	}

	/**
	 * Its token service.
	 * @return the token service
	 */
	public CortiTokenService getTokenService() {
		return this.tokenService.get();
	}

	/**
	 * Its {@code RestClient}.
	 * @return the {@code RestClient}
	 */
	public RestClient getRestClient() {
		return this.restClient;
	}

	/**
	 * Configures more {@code RestClient}s like this client's.
	 * @return the configurer of this client's {@code RestClient}
	 */
	public CortiRestClientBuilderConfigurer getRestClientConfigurer() {
		return this.restClientConfigurer.get();
	}

	/**
	 * Its {@code WebClient}.
	 * @return the {@code WebClient}
	 * @throws IllegalStateException without Spring WebFlux on the class path
	 */
	public WebClient getWebClient() {
		if (this.webClient == null) {
			throw new IllegalStateException(
					"No WebClient for Corti client '" + this.name + "': Spring WebFlux is " + "not on the class path");
		}
		return this.webClient;
	}

	@Nullable CortiWebClientBuilderConfigurer webClientConfigurer() {
		return this.webClientConfigurer.get();
	}

	/**
	 * Its WebSocket URLs.
	 * @return the WebSocket URLs
	 * @throws IllegalStateException without Reactor on the class path
	 */
	public CortiWebSocketUrls getWebSocketUrls() {
		CortiWebSocketUrls urls = this.webSocketUrls.get();
		if (urls == null) {
			throw new IllegalStateException(
					"No WebSocket URLs for Corti client '" + this.name + "': Reactor is not " + "on the class path");
		}
		return urls;
	}

	/**
	 * Its tokens for front-ends.
	 * @return the front-end tokens
	 */
	public CortiFrontendTokens getFrontendTokens() {
		return this.frontendTokens;
	}

	/**
	 * Builds its clients now, if not built yet; for the warm-up after startup.
	 */
	void build() {
		LazyClient.build(this.restClient);
		LazyClient.build(this.webClient);
	}

	@Override
	public String toString() {
		return "CortiClient[" + this.name + "]";
	}

}
