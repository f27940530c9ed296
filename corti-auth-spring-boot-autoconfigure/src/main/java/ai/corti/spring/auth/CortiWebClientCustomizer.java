package ai.corti.spring.auth;

import org.springframework.web.reactive.function.client.WebClient;

/**
 * Adjusts the builder of the {@code cortiWebClient} bean after the base URL,
 * {@code Tenant-Name} and token filter are in place. Beans of this type are applied in
 * {@code @Order}.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface CortiWebClientCustomizer {

	/**
	 * Customizes the builder of a Corti {@code WebClient}.
	 * @param builder the builder, with the base URL, {@code Tenant-Name} and token filter
	 * already set
	 */
	void customize(WebClient.Builder builder);

}
