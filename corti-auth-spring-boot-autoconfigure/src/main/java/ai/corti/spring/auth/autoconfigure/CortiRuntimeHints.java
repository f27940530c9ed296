package ai.corti.spring.auth.autoconfigure;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.aop.framework.AopProxyUtils;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.util.ClassUtils;

/**
 * What a native image needs for the Corti clients: the HTTP client classes that
 * {@link CortiHttpClients} looks up by name, so that the lookup finds those that are on
 * the class path, and the JDK proxies of the clients built on first use
 * ({@link LazyClient}). Everything else is bound, proxied or serialized through Spring,
 * which registers its own hints.
 */
class CortiRuntimeHints implements RuntimeHintsRegistrar {

	/** The classes {@link CortiHttpClients} checks for, one per HTTP client library. */
	static final List<String> HTTP_CLIENT_CLASSES = List.of("reactor.netty.http.client.HttpClient",
			"org.eclipse.jetty.client.HttpClient", "org.apache.hc.client5.http.impl.classic.HttpClientBuilder");

	/** The interfaces of the clients {@link LazyClient} proxies. */
	static final List<String> CLIENT_INTERFACES = List.of("org.springframework.web.client.RestClient",
			"org.springframework.web.reactive.function.client.WebClient");

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		HTTP_CLIENT_CLASSES.forEach((type) -> hints.reflection().registerTypeIfPresent(classLoader, type));
		for (String client : CLIENT_INTERFACES) {
			if (ClassUtils.isPresent(client, classLoader)) {
				hints.proxies()
					.registerJdkProxy(
							AopProxyUtils.completeJdkProxyInterfaces(ClassUtils.resolveClassName(client, classLoader)));
			}
		}
	}

}
