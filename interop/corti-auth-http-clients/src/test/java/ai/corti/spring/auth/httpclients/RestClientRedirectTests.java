package ai.corti.spring.auth.httpclients;

import java.util.Map;

import ai.corti.spring.auth.standin.CortiStandIn;
import ai.corti.spring.auth.standin.CortiStandInExtension;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.client.RestClient;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;
import org.springframework.web.service.annotation.PostExchange;
import org.springframework.web.service.registry.ImportHttpServices;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code cortiRestClient} and RestClient-backed {@code corti} HTTP service groups, on
 * every HTTP client Boot can put under them: a redirect from the Corti API to another
 * origin comes back to the caller, and the other origin receives nothing.
 */
class RestClientRedirectTests {

	private static final Map<String, Object> INTERACTION = Map.of("encounter", Map.of("identifier", "redirected"));

	@RegisterExtension
	static CortiStandInExtension corti = new CortiStandInExtension();

	@RegisterExtension
	static CortiStandInExtension other = new CortiStandInExtension();

	@ParameterizedTest
	@EnumSource
	void redirectsToAnotherOriginReachTheCallerUnfollowed(ImperativeClient client) {
		CortiStandIn standIn = corti.standIn();
		CortiStandIn otherOrigin = other.standIn();
		StandInContextRunner.of(standIn)
			.withPropertyValues(client.property())
			.withUserConfiguration(InteractionsGroup.class)
			.run((context) -> {
				assertThat(context).getBean(ClientHttpRequestFactoryBuilder.class).isInstanceOf(client.builderType());
				RestClient restClient = context.getBean("cortiRestClient", RestClient.class);
				Interactions interactions = context.getBean(Interactions.class);
				for (int status : Redirects.STATUSES) {
					standIn.reset();
					otherOrigin.reset();
					String elsewhere = otherOrigin.baseUrl() + "/interactions/";
					standIn.redirect("GET", "/v2/interactions/", status, elsewhere);
					standIn.redirect("POST", "/v2/interactions/", status, elsewhere);
					assertThat(restClient.get()
						.uri("/interactions/")
						.retrieve()
						.toBodilessEntity()
						.getStatusCode()
						.value()).isEqualTo(status);
					assertThat(restClient.post()
						.uri("/interactions/")
						.contentType(MediaType.APPLICATION_JSON)
						.body(INTERACTION)
						.retrieve()
						.toBodilessEntity()
						.getStatusCode()
						.value()).isEqualTo(status);
					assertThat(interactions.list().getStatusCode().value()).isEqualTo(status);
					assertThat(interactions.create(INTERACTION).getStatusCode().value()).isEqualTo(status);
					assertThat(standIn.apiRequests()).hasSize(4).allSatisfy(Redirects.authorizedBy(client.userAgent()));
					Redirects.assertReachedNothing(otherOrigin, standIn.clientSecret());
				}
			});
	}

	@HttpExchange("/interactions/")
	interface Interactions {

		@GetExchange
		ResponseEntity<Void> list();

		@PostExchange
		ResponseEntity<Void> create(@RequestBody Map<String, Object> interaction);

	}

	@Configuration(proxyBeanMethods = false)
	@ImportHttpServices(group = "corti", types = Interactions.class)
	static class InteractionsGroup {

	}

}
