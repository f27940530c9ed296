package ai.corti.spring.auth.benchmarks;

import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * A {@code WebClient} and a {@code RestClient} for the stand-in's API, authenticated one
 * way (see {@link ClientVariant}).
 */
record AuthenticatedClients(WebClient webClient, RestClient restClient) {

}
