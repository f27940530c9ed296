package ai.corti.spring.auth.autoconfigure;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import ai.corti.spring.auth.standin.CortiStandIn;
import ai.corti.spring.auth.standin.CortiStandInExtension;
import ai.corti.spring.auth.standin.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpMethod;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link LazyClient}, {@link LazyRestClient} and {@link LazyWebClient}, over
 * real loopback calls to the stand-in.
 */
class LazyClientTests {

	@RegisterExtension
	static CortiStandInExtension corti = new CortiStandInExtension();

	/** A method no shortcut of the clients sends, so that only {@code method(…)} can. */
	private static final HttpMethod REPORT = HttpMethod.valueOf("REPORT");

	@Test
	void theRestClientDelegateImplementsEveryMethodOfRestClient() {
		assertDelegatesEveryAbstractMethod(RestClient.class, LazyRestClient.class);
	}

	@Test
	void theWebClientDelegateImplementsEveryMethodOfWebClient() {
		assertDelegatesEveryAbstractMethod(WebClient.class, LazyWebClient.class);
	}

	@Test
	void eachRestClientMethodSendsItsOwnHttpMethodThroughTheClientBuiltOnce(CortiStandIn standIn) {
		AtomicInteger builds = new AtomicInteger();
		RestClient lazy = new LazyRestClient(() -> {
			builds.incrementAndGet();
			return RestClient.create(standIn.baseUrl());
		});
		List<Function<RestClient, RestClient.RequestHeadersUriSpec<?>>> calls = List.of(RestClient::get,
				RestClient::head, RestClient::post, RestClient::put, RestClient::patch, RestClient::delete,
				RestClient::options, (client) -> client.method(REPORT));
		assertEachMethodIsSentOnceBuilt(standIn, lazy, builds,
				calls.stream()
					.map((call) -> (Runnable) () -> call.apply(lazy)
						.uri("/lazy")
						.exchange((request, response) -> response.getStatusCode()))
					.toList());
	}

	@Test
	void eachWebClientMethodSendsItsOwnHttpMethodThroughTheClientBuiltOnce(CortiStandIn standIn) {
		AtomicInteger builds = new AtomicInteger();
		WebClient lazy = new LazyWebClient(() -> {
			builds.incrementAndGet();
			return WebClient.create(standIn.baseUrl());
		});
		List<Function<WebClient, WebClient.RequestHeadersUriSpec<?>>> calls = List.of(WebClient::get, WebClient::head,
				WebClient::post, WebClient::put, WebClient::patch, WebClient::delete, WebClient::options,
				(client) -> client.method(REPORT));
		assertEachMethodIsSentOnceBuilt(standIn, lazy, builds,
				calls.stream()
					.map((call) -> (Runnable) () -> call.apply(lazy)
						.uri("/lazy")
						.exchangeToMono((response) -> Mono.just(response.statusCode()))
						.block())
					.toList());
	}

	@Test
	void mutateStartsFromTheBuiltClient(CortiStandIn standIn) {
		AtomicInteger builds = new AtomicInteger();
		RestClient restClient = new LazyRestClient(() -> {
			builds.incrementAndGet();
			return RestClient.builder().baseUrl(standIn.baseUrl()).defaultHeader("X-Built", "rest").build();
		});
		WebClient webClient = new LazyWebClient(() -> {
			builds.incrementAndGet();
			return WebClient.builder().baseUrl(standIn.baseUrl()).defaultHeader("X-Built", "web").build();
		});
		restClient.mutate().build().get().uri("/mutated").exchange((request, response) -> response.getStatusCode());
		webClient.mutate()
			.build()
			.get()
			.uri("/mutated")
			.exchangeToMono((response) -> Mono.just(response.statusCode()))
			.block();
		assertThat(builds).hasValue(2);
		assertThat(standIn.apiRequests()).extracting((request) -> request.header("X-Built"))
			.containsExactly("rest", "web");
		assertThat(standIn.apiRequests()).allSatisfy((request) -> assertThat(request.path()).endsWith("/mutated"));
	}

	@Test
	void aFailedBuildFailsThatCallAndTheNextCallBuildsAgain(CortiStandIn standIn) {
		AtomicInteger builds = new AtomicInteger();
		RestClient lazy = new LazyRestClient(() -> {
			if (builds.incrementAndGet() == 1) {
				throw new IllegalStateException("first build fails");
			}
			return RestClient.create(standIn.baseUrl());
		});
		assertThatIllegalStateException().isThrownBy(lazy::get).withMessage("first build fails");
		assertThat(LazyClient.isPending(lazy)).isTrue();
		lazy.get().uri("/again").exchange((request, response) -> response.getStatusCode());
		assertThat(builds).hasValue(2);
		assertThat(LazyClient.isPending(lazy)).isFalse();
		assertThat(standIn.apiRequests()).hasSize(1);
	}

	@Test
	void buildBuildsAPendingClientOnceAndLeavesOtherObjectsAlone() {
		AtomicInteger builds = new AtomicInteger();
		WebClient lazy = new LazyWebClient(() -> {
			builds.incrementAndGet();
			return WebClient.create();
		});
		assertThat(lazy.toString()).contains("not built yet");
		assertThat(builds).hasValue(0);
		LazyClient.build(lazy);
		LazyClient.build(lazy);
		LazyClient.build("not a client");
		LazyClient.build(null);
		assertThat(builds).hasValue(1);
		assertThat(lazy.toString()).doesNotContain("not built yet");
		assertThat(LazyClient.isPending(WebClient.create())).isFalse();
		assertThat(LazyClient.isPending(null)).isFalse();
	}

	private static void assertDelegatesEveryAbstractMethod(Class<?> type, Class<?> delegate) {
		List<Method> abstractMethods = Arrays.stream(type.getMethods())
			.filter((method) -> Modifier.isAbstract(method.getModifiers()))
			.toList();
		assertThat(abstractMethods).hasSizeGreaterThanOrEqualTo(9);
		assertThat(abstractMethods).allSatisfy((method) -> assertThat(
				delegate.getMethod(method.getName(), method.getParameterTypes()).getDeclaringClass())
			.as(method.toString())
			.isEqualTo(delegate));
	}

	/**
	 * Makes the calls (one per method of the client, {@code method(REPORT)} last) and
	 * checks that the client was built once, by the first, and that each sent its own
	 * HTTP method.
	 * @param standIn the stand-in the calls go to
	 * @param lazy the client, not built yet
	 * @param builds counts the builds of the client
	 * @param calls the calls
	 */
	private static void assertEachMethodIsSentOnceBuilt(CortiStandIn standIn, Object lazy, AtomicInteger builds,
			List<Runnable> calls) {
		assertThat(LazyClient.isPending(lazy)).isTrue();
		calls.forEach(Runnable::run);
		assertThat(builds).hasValue(1);
		assertThat(LazyClient.isPending(lazy)).isFalse();
		assertThat(sentMethods(standIn)).containsExactly("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS",
				"REPORT");
	}

	private static List<String> sentMethods(CortiStandIn standIn) {
		return standIn.apiRequests().stream().map(RecordedRequest::method).toList();
	}

}
