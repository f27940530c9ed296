package ai.corti.spring.auth;

import org.springframework.web.reactive.function.client.WebClient;

/**
 * Adjusts the builder of the {@code cortiWebClient} bean after the base URL, {@code Tenant-Name} and token filter are
 * in place. Beans of this type are applied in {@code @Order}.
 */
@FunctionalInterface
public interface CortiWebClientCustomizer {

	void customize(WebClient.Builder builder);

}
