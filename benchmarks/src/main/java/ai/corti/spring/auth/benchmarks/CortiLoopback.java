package ai.corti.spring.auth.benchmarks;

import java.time.Duration;
import java.util.Map;

import ai.corti.spring.auth.CortiApiRetries;
import ai.corti.spring.auth.CortiAuthFilter;
import ai.corti.spring.auth.CortiAuthInterceptor;
import ai.corti.spring.auth.CortiTokenService;
import ai.corti.spring.auth.standin.CortiStandIn;

import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * A Corti stand-in on a loopback port and an application configured against it with the
 * starter's auto-configuration, on Reactor Netty for both {@code WebClient} and
 * {@code RestClient}, without token prefetch unless asked (the herd measures a cold
 * start). Every variant's clients are built from the auto-configured ones, so they share
 * the same connector, connection pool, codecs and Boot customizations and differ only in
 * how they authenticate.
 */
final class CortiLoopback implements AutoCloseable {

	private final CortiStandIn standIn;

	private final ConfigurableApplicationContext context;

	private CortiLoopback(CortiStandIn standIn, boolean prefetch) {
		this.standIn = standIn;
		this.standIn.recordApiRequests(false);
		this.context = new SpringApplicationBuilder(BenchmarkApplication.class).web(WebApplicationType.NONE)
			.bannerMode(Banner.Mode.OFF)
			.logStartupInfo(false)
			.properties(Map.of("corti.tenant-name", standIn.tenant(), "corti.client-id", standIn.clientId(),
					"corti.client-secret", standIn.clientSecret(), "corti.token-uri", standIn.tokenUri(),
					"corti.base-url", standIn.baseUrl(), "spring.http.clients.imperative.factory", "reactor",
					"spring.http.clients.reactive.connector", "reactor", "logging.level.root", "warn",
					"corti.token.prefetch", String.valueOf(prefetch)))
			.run();
	}

	/**
	 * Starts a stand-in and the application without prefetch; nothing has asked for a
	 * token yet.
	 * @return the running stand-in and application
	 */
	static CortiLoopback start() {
		return start(false, Duration.ZERO);
	}

	/**
	 * Starts a stand-in whose token endpoint answers after {@code tokenDelay}, and the
	 * application.
	 * @param prefetch whether the application fetches its first token once it is ready
	 * @param tokenDelay how long the token endpoint waits before it answers
	 * @return the running stand-in and application
	 */
	static CortiLoopback start(boolean prefetch, Duration tokenDelay) {
		CortiStandIn standIn = CortiStandIn.start().tokenDelay(tokenDelay);
		try {
			return new CortiLoopback(standIn, prefetch);
		}
		catch (RuntimeException ex) {
			standIn.close();
			throw ex;
		}
	}

	CortiStandIn standIn() {
		return this.standIn;
	}

	CortiTokenService tokenService() {
		return this.context.getBean(CortiTokenService.class);
	}

	CortiApiRetries apiRetries() {
		return this.context.getBean(CortiApiRetries.class);
	}

	WebClient cortiWebClient() {
		return this.context.getBean("cortiWebClient", WebClient.class);
	}

	RestClient cortiRestClient() {
		return this.context.getBean("cortiRestClient", RestClient.class);
	}

	/**
	 * {@code cortiWebClient} without our filter: same connector, pool, base URL, codecs;
	 * no authentication.
	 * @return a builder to add another way of authenticating to
	 */
	WebClient.Builder unauthenticatedWebClient() {
		return cortiWebClient().mutate().filters((filters) -> filters.removeIf(CortiAuthFilter.class::isInstance));
	}

	/**
	 * {@code cortiRestClient} without our interceptor: same request factory, pool, base
	 * URL; no authentication.
	 * @return a builder to add another way of authenticating to
	 */
	RestClient.Builder unauthenticatedRestClient() {
		return cortiRestClient().mutate()
			.requestInterceptors((interceptors) -> interceptors.removeIf(CortiAuthInterceptor.class::isInstance));
	}

	/**
	 * Asks the stand-in's token endpoint for a token directly, the way any OAuth 2.0
	 * client would.
	 * @return the access token
	 */
	String fetchAccessToken() {
		MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
		form.add("grant_type", "client_credentials");
		form.add("client_id", this.standIn.clientId());
		form.add("client_secret", this.standIn.clientSecret());
		form.add("scope", "openid");
		Map<?, ?> answer = this.context.getBean(RestClient.Builder.class)
			.build()
			.post()
			.uri(this.standIn.tokenUri())
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.body(form)
			.retrieve()
			.body(Map.class);
		if (answer == null || !(answer.get("access_token") instanceof String token)) {
			throw new IllegalStateException("The stand-in answered without an access token");
		}
		return token;
	}

	@Override
	public void close() {
		try {
			this.context.close();
		}
		finally {
			this.standIn.close();
		}
	}

}
