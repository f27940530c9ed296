package ai.corti.spring.auth;

import org.springframework.web.client.RestClient;

/**
 * Adjusts the builder of the {@code cortiRestClient} bean after the base URL,
 * {@code Tenant-Name} and token interceptor are in place. Beans of this type are applied
 * in {@code @Order}.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface CortiRestClientCustomizer {

	/**
	 * Customizes the builder of a Corti {@code RestClient}.
	 * @param builder the builder, with the base URL, {@code Tenant-Name} and token
	 * interceptor already set
	 */
	void customize(RestClient.Builder builder);

}
