package ai.corti.spring.auth.keycloak;

import java.time.Duration;

import org.springframework.context.ApplicationContext;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The two auto-configured clients, so that each test runs through both.
 */
enum CortiClient {

	REST_CLIENT {
		@Override
		int listInteractions(ApplicationContext context) {
			return context.getBean("cortiRestClient", RestClient.class)
				.get()
				.uri("/interactions/?pageSize=1")
				.retrieve()
				.toBodilessEntity()
				.getStatusCode()
				.value();
		}
	},

	WEB_CLIENT {
		@Override
		int listInteractions(ApplicationContext context) {
			return context.getBean("cortiWebClient", WebClient.class)
				.get()
				.uri("/interactions/?pageSize=1")
				.retrieve()
				.toBodilessEntity()
				.map((entity) -> entity.getStatusCode().value())
				.block(Duration.ofSeconds(30));
		}
	};

	/** Calls {@code GET /interactions/?pageSize=1} and returns the status. */
	abstract int listInteractions(ApplicationContext context);

}
