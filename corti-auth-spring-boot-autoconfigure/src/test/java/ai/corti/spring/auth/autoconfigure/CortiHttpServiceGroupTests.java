package ai.corti.spring.auth.autoconfigure;

import java.util.Map;

import ai.corti.spring.auth.standin.CortiStandIn;
import ai.corti.spring.auth.standin.CortiStandInExtension;
import ai.corti.spring.auth.standin.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Mono;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;
import org.springframework.web.service.annotation.PostExchange;
import org.springframework.web.service.registry.HttpServiceGroup;
import org.springframework.web.service.registry.ImportHttpServices;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * HTTP interfaces imported into the {@code corti} group are wired to Corti with no
 * further code.
 */
class CortiHttpServiceGroupTests {

	@RegisterExtension
	static CortiStandInExtension corti = new CortiStandInExtension();

	private ApplicationContextRunner contextRunner(CortiStandIn standIn) {
		return StandInContextRunner.of(standIn);
	}

	@Test
	void restClientBackedGroupCallsCortiWithTokenAndTenant(CortiStandIn standIn) {
		contextRunner(standIn).withUserConfiguration(RestClientGroup.class).run((context) -> {
			Interactions interactions = context.getBean(Interactions.class);
			Map<String, Object> created = interactions.create(Map.of("encounter", Map.of("identifier", "typed")));
			assertThat(created).containsKey("interactionId");
			assertThat(interactions.list(1)).containsKey("interactions");
			assertThat(standIn.apiRequests()).extracting(RecordedRequest::path)
				.containsExactly("/v2/interactions/", "/v2/interactions/?pageSize=1");
			assertThat(standIn.apiRequests()).allSatisfy((call) -> {
				assertThat(call.header("Authorization")).startsWith("Bearer ");
				assertThat(call.header("Tenant-Name")).isEqualTo("base");
			});
		});
	}

	@Test
	void webClientBackedGroupCallsCortiAndHealsA401(CortiStandIn standIn) {
		contextRunner(standIn).withUserConfiguration(WebClientGroup.class).run((context) -> {
			ReactiveInteractions interactions = context.getBean(ReactiveInteractions.class);
			assertThat(interactions.list(1).block()).containsKey("interactions");
			standIn.revokeAllTokens();
			assertThat(interactions.list(1).block()).containsKey("interactions");
			assertThat(standIn.tokenRequestCount()).isEqualTo(2);
			assertThat(standIn.apiRequests()).hasSize(3)
				.allSatisfy((call) -> assertThat(call.header("Tenant-Name")).isEqualTo("base"));
		});
	}

	@Test
	void otherGroupsAreLeftAlone(CortiStandIn standIn) {
		contextRunner(standIn).withUserConfiguration(OtherGroup.class)
			.withPropertyValues("spring.http.serviceclient.other.base-url=" + standIn.baseUrl())
			.run((context) -> {
				Interactions interactions = context.getBean(Interactions.class);
				assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> interactions.list(1)))
					.hasMessageContaining("401");
				assertThat(standIn.apiRequests()).singleElement()
					.satisfies((call) -> assertThat(call.hasHeader("Authorization")).isFalse());
				assertThat(standIn.tokenRequestCount()).isZero();
			});
	}

	@HttpExchange("/interactions/")
	interface Interactions {

		@GetExchange
		Map<String, Object> list(@RequestParam int pageSize);

		@PostExchange
		Map<String, Object> create(@RequestBody Map<String, Object> interaction);

	}

	@HttpExchange("/interactions/")
	interface ReactiveInteractions {

		@GetExchange
		Mono<Map<String, Object>> list(@RequestParam int pageSize);

	}

	@Configuration(proxyBeanMethods = false)
	@ImportHttpServices(group = "corti", types = Interactions.class)
	static class RestClientGroup {

	}

	@Configuration(proxyBeanMethods = false)
	@ImportHttpServices(group = "corti", types = ReactiveInteractions.class,
			clientType = HttpServiceGroup.ClientType.WEB_CLIENT)
	static class WebClientGroup {

	}

	@Configuration(proxyBeanMethods = false)
	@ImportHttpServices(group = "other", types = Interactions.class)
	static class OtherGroup {

	}

}
