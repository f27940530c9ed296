package ai.corti.spring.auth.autoconfigure;

import java.lang.reflect.Proxy;

import org.junit.jupiter.api.Test;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeReference;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.beans.factory.aot.AotServices;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link CortiRuntimeHints}.
 */
class CortiRuntimeHintsTests {

	@Test
	void registersTheHttpClientClassesLookedUpByNameThatAreOnTheClassPath() {
		RuntimeHints hints = new RuntimeHints();
		new CortiRuntimeHints().registerHints(hints, getClass().getClassLoader());
		assertThat(RuntimeHintsPredicates.reflection().onType(TypeReference.of("reactor.netty.http.client.HttpClient")))
			.accepts(hints);
		// Jetty and HttpClient 5 are kept off this module's test class path.
		assertThat(RuntimeHintsPredicates.reflection().onType(TypeReference.of("org.eclipse.jetty.client.HttpClient")))
			.rejects(hints);
		assertThat(RuntimeHintsPredicates.reflection()
			.onType(TypeReference.of("org.apache.hc.client5.http.impl.classic.HttpClientBuilder"))).rejects(hints);
	}

	@Test
	void registersNoProxiesBecauseTheClientsBuiltOnFirstUseAreNone() {
		RuntimeHints hints = new RuntimeHints();
		new CortiRuntimeHints().registerHints(hints, getClass().getClassLoader());
		assertThat(hints.proxies().jdkProxyHints()).isEmpty();
		assertThat(Proxy.isProxyClass(new LazyRestClient(RestClient::create).getClass())).isFalse();
		assertThat(Proxy.isProxyClass(new LazyWebClient(WebClient::create).getClass())).isFalse();
	}

	@Test
	void isRegisteredForAheadOfTimeProcessing() {
		assertThat(AotServices.factories().load(RuntimeHintsRegistrar.class))
			.anyMatch(CortiRuntimeHints.class::isInstance);
	}

}
