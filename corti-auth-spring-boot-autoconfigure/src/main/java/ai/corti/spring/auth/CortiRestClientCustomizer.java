package ai.corti.spring.auth;

import org.springframework.web.client.RestClient;

/**
 * Adjusts the builder of the {@code cortiRestClient} bean after the base URL, {@code Tenant-Name} and token
 * interceptor are in place. Beans of this type are applied in {@code @Order}.
 */
@FunctionalInterface
public interface CortiRestClientCustomizer {

	void customize(RestClient.Builder builder);

}
