package ai.corti.spring.auth.httpclients;

import java.util.Map;

import ai.corti.spring.auth.standin.CortiStandIn;
import ai.corti.spring.auth.standin.CortiStandInExtension;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import reactor.core.publisher.Mono;

import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;
import org.springframework.web.service.annotation.PostExchange;
import org.springframework.web.service.registry.HttpServiceGroup;
import org.springframework.web.service.registry.ImportHttpServices;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code cortiWebClient} and WebClient-backed {@code corti} HTTP service groups, on every
 * HTTP client Boot can put under them: a redirect from the Corti API to another origin
 * comes back to the caller, and the other origin receives nothing.
 */
class WebClientRedirectTests {

	private static final Map<String, Object> INTERACTION = Map.of("encounter", Map.of("identifier", "redirected"));

	@RegisterExtension
	static CortiStandInExtension corti = new CortiStandInExtension();

	@RegisterExtension
	static CortiStandInExtension other = new CortiStandInExtension();

	@ParameterizedTest
	@EnumSource
	void redirectsToAnotherOriginReachTheCallerUnfollowed(ReactiveClient client) {
		CortiStandIn standIn = corti.standIn();
		CortiStandIn otherOrigin = other.standIn();
		StandInContextRunner.of(standIn)
			.withPropertyValues(client.property())
			.withUserConfiguration(InteractionsGroup.class)
			.run((context) -> {
				assertThat(context).getBean(ClientHttpConnectorBuilder.class).isInstanceOf(client.builderType());
				WebClient webClient = context.getBean("cortiWebClient", WebClient.class);
				ReactiveInteractions interactions = context.getBean(ReactiveInteractions.class);
				for (int status : Redirects.STATUSES) {
					standIn.reset();
					otherOrigin.reset();
					String elsewhere = otherOrigin.baseUrl() + "/interactions/";
					standIn.redirect("GET", "/v2/interactions/", status, elsewhere);
					standIn.redirect("POST", "/v2/interactions/", status, elsewhere);
					assertThat(statusOf(webClient.get().uri("/interactions/").retrieve().toBodilessEntity()))
						.isEqualTo(status);
					assertThat(statusOf(webClient.post()
						.uri("/interactions/")
						.bodyValue(INTERACTION)
						.retrieve()
						.toBodilessEntity())).isEqualTo(status);
					assertThat(statusOf(interactions.list())).isEqualTo(status);
					assertThat(statusOf(interactions.create(INTERACTION))).isEqualTo(status);
					assertThat(standIn.apiRequests()).hasSize(4).allSatisfy(Redirects.authorizedBy(client.userAgent()));
					Redirects.assertReachedNothing(otherOrigin, standIn.clientSecret());
				}
			});
	}

	private static int statusOf(Mono<ResponseEntity<Void>> answer) {
		ResponseEntity<Void> entity = answer.block();
		assertThat(entity).isNotNull();
		return entity.getStatusCode().value();
	}

	@HttpExchange("/interactions/")
	interface ReactiveInteractions {

		@GetExchange
		Mono<ResponseEntity<Void>> list();

		@PostExchange
		Mono<ResponseEntity<Void>> create(@RequestBody Map<String, Object> interaction);

	}

	@Configuration(proxyBeanMethods = false)
	@ImportHttpServices(group = "corti", types = ReactiveInteractions.class,
			clientType = HttpServiceGroup.ClientType.WEB_CLIENT)
	static class InteractionsGroup {

	}

}
