package ai.corti.spring.auth.autoconfigure;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import ai.corti.spring.auth.CortiTokenProvider;
import ai.corti.spring.auth.CortiWebSocketUrls;
import ai.corti.spring.auth.standin.CortiStandIn;
import ai.corti.spring.auth.standin.CortiStandInExtension;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application that gets its Corti token from elsewhere (here a "gateway" that asks the
 * stand-in's token endpoint itself) declares a {@link CortiTokenProvider}: both clients,
 * the HTTP service groups and the WebSocket URLs use it, and neither a registration nor a
 * token service is created, so no credentials are configured.
 */
class CortiTokenProviderTests {

	@RegisterExtension
	static CortiStandInExtension corti = new CortiStandInExtension();

	private static ApplicationContextRunner contextRunner(CortiStandIn standIn, GatewayTokens tokens) {
		return StandInContextRunner.withoutProperties()
			.withPropertyValues("corti.base-url=" + standIn.baseUrl(), "corti.tenant-name=" + standIn.tenant())
			.withBean(GatewayTokens.class, () -> tokens);
	}

	@Test
	void bothClientsAndTheWebSocketUrlsUseTheApplicationsProvider(CortiStandIn standIn) {
		GatewayTokens tokens = new GatewayTokens(standIn);
		contextRunner(standIn, tokens).run((context) -> {
			assertThat(context).hasNotFailed()
				.doesNotHaveBean("cortiTokenService")
				.doesNotHaveBean("cortiClientRegistration");
			context.getBean("cortiRestClient", RestClient.class)
				.get()
				.uri("/interactions/")
				.retrieve()
				.toBodilessEntity();
			context.getBean("cortiWebClient", WebClient.class)
				.get()
				.uri("/interactions/")
				.retrieve()
				.toBodilessEntity()
				.block();
			String issued = tokens.current();
			assertThat(standIn.apiRequests()).hasSize(2).allSatisfy((call) -> {
				assertThat(call.header("Authorization")).isEqualTo("Bearer " + issued);
				assertThat(call.header("Tenant-Name")).isEqualTo(standIn.tenant());
			});
			URI transcribe = context.getBean(CortiWebSocketUrls.class).transcribe().block();
			assertThat(URLDecoder.decode(transcribe.getRawQuery(), StandardCharsets.UTF_8))
				.contains("token=Bearer " + issued);
			assertThat(standIn.tokenRequests()).hasSize(1);
		});
	}

	@Test
	void httpServiceGroupsUseTheApplicationsProvider(CortiStandIn standIn) {
		GatewayTokens tokens = new GatewayTokens(standIn);
		contextRunner(standIn, tokens)
			.withUserConfiguration(CortiHttpServiceGroupTests.RestClientGroup.class,
					CortiHttpServiceGroupTests.WebClientGroup.class)
			.run((context) -> {
				assertThat(context.getBean(CortiHttpServiceGroupTests.Interactions.class).list(1))
					.containsKey("interactions");
				assertThat(context.getBean(CortiHttpServiceGroupTests.ReactiveInteractions.class).list(1).block())
					.containsKey("interactions");
				assertThat(standIn.apiRequests()).hasSize(2)
					.allSatisfy(
							(call) -> assertThat(call.header("Authorization")).isEqualTo("Bearer " + tokens.current()));
			});
	}

	@Test
	void a401DropsTheProvidersTokenAndTheCallIsSentAgainWithItsNextOne(CortiStandIn standIn) {
		GatewayTokens tokens = new GatewayTokens(standIn);
		contextRunner(standIn, tokens).run((context) -> {
			RestClient restClient = context.getBean("cortiRestClient", RestClient.class);
			WebClient webClient = context.getBean("cortiWebClient", WebClient.class);
			restClient.get().uri("/interactions/").retrieve().toBodilessEntity();
			String first = tokens.current();
			standIn.revoke(first);
			restClient.get().uri("/interactions/").retrieve().toBodilessEntity();
			String second = tokens.current();
			standIn.revoke(second);
			webClient.get().uri("/interactions/").retrieve().toBodilessEntity().block();
			assertThat(tokens.invalidated).containsExactly(first, second);
			assertThat(standIn.tokenRequests()).hasSize(3);
		});
	}

	/**
	 * Tokens from a "gateway": one HTTP call to the token endpoint per token, cached
	 * until dropped.
	 */
	static final class GatewayTokens implements CortiTokenProvider {

		private final CortiStandIn standIn;

		private final HttpClient http = HttpClient.newHttpClient();

		private final AtomicReference<@Nullable String> token = new AtomicReference<>();

		final List<String> invalidated = new CopyOnWriteArrayList<>();

		GatewayTokens(CortiStandIn standIn) {
			this.standIn = standIn;
		}

		String current() {
			return this.token.get();
		}

		@Override
		public String getAccessToken() {
			return this.token.updateAndGet((held) -> (held != null) ? held : fetch());
		}

		@Override
		public Mono<String> accessToken() {
			return Mono.fromCallable(this::getAccessToken).subscribeOn(Schedulers.boundedElastic());
		}

		@Override
		public boolean invalidate(String accessToken) {
			this.invalidated.add(accessToken);
			return this.token.compareAndSet(accessToken, null);
		}

		private String fetch() {
			String form = "grant_type=client_credentials&client_id=" + this.standIn.clientId() + "&client_secret="
					+ this.standIn.clientSecret();
			try {
				String body = this.http
					.send(HttpRequest.newBuilder(URI.create(this.standIn.tokenUri()))
						.header("Content-Type", "application/x-www-form-urlencoded")
						.POST(HttpRequest.BodyPublishers.ofString(form))
						.build(), HttpResponse.BodyHandlers.ofString())
					.body();
				int start = body.indexOf("\"access_token\":\"") + 16;
				return body.substring(start, body.indexOf('"', start));
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}

	}

}
