package ai.corti.spring.auth.autoconfigure;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;

/**
 * What a native image needs for the Corti clients: the HTTP client classes that
 * {@link CortiHttpClients} looks up by name, so that the lookup finds those that are on
 * the class path. Everything else is bound, proxied or serialized through Spring, which
 * registers its own hints; the clients built on first use ({@link LazyClient}) are plain
 * classes, not proxies.
 */
class CortiRuntimeHints implements RuntimeHintsRegistrar {

	/** The classes {@link CortiHttpClients} checks for, one per HTTP client library. */
	static final List<String> HTTP_CLIENT_CLASSES = List.of("reactor.netty.http.client.HttpClient",
			"org.eclipse.jetty.client.HttpClient", "org.apache.hc.client5.http.impl.classic.HttpClientBuilder");

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		HTTP_CLIENT_CLASSES.forEach((type) -> hints.reflection().registerTypeIfPresent(classLoader, type));
	}

}
