package ai.corti.spring.auth.autoconfigure;

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

	private final CortiTokenService tokenService;

	private final CortiRestClientBuilderConfigurer restClientConfigurer;

	private final RestClient restClient;

	private final @Nullable CortiWebClientBuilderConfigurer webClientConfigurer;

	private final @Nullable WebClient webClient;

	private final @Nullable CortiWebSocketUrls webSocketUrls;

	private final CortiFrontendTokens frontendTokens;

	CortiClient(String name, CortiTokenService tokenService, CortiRestClientBuilderConfigurer restClientConfigurer,
			RestClient restClient, @Nullable CortiWebClientBuilderConfigurer webClientConfigurer,
			@Nullable WebClient webClient, @Nullable CortiWebSocketUrls webSocketUrls,
			CortiFrontendTokens frontendTokens) {
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
		return this.tokenService;
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
		return this.restClientConfigurer;
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
		return this.webClientConfigurer;
	}

	/**
	 * Its WebSocket URLs.
	 * @return the WebSocket URLs
	 * @throws IllegalStateException without Reactor on the class path
	 */
	public CortiWebSocketUrls getWebSocketUrls() {
		if (this.webSocketUrls == null) {
			throw new IllegalStateException(
					"No WebSocket URLs for Corti client '" + this.name + "': Reactor is not " + "on the class path");
		}
		return this.webSocketUrls;
	}

	/**
	 * Its tokens for front-ends.
	 * @return the front-end tokens
	 */
	public CortiFrontendTokens getFrontendTokens() {
		return this.frontendTokens;
	}

	@Override
	public String toString() {
		return "CortiClient[" + this.name + "]";
	}

}
