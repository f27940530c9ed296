package ai.corti.spring.auth.httpclients;

import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpComponentsClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.JdkClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.JettyClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.ReactorClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.SimpleClientHttpRequestFactoryBuilder;

/**
 * The HTTP clients Boot can put under a {@code RestClient}, each with its value of
 * {@code spring.http.clients.imperative.factory}, the builder Boot then provides, and how
 * its {@code User-Agent} begins (which shows on the wire which client sent a request).
 */
enum ImperativeClient {

	REACTOR("reactor", ReactorClientHttpRequestFactoryBuilder.class, "ReactorNetty/"),

	JDK("jdk", JdkClientHttpRequestFactoryBuilder.class, "Java-http-client/"),

	SIMPLE("simple", SimpleClientHttpRequestFactoryBuilder.class, "Java/"),

	JETTY("jetty", JettyClientHttpRequestFactoryBuilder.class, "Jetty/"),

	HTTP_COMPONENTS("http-components", HttpComponentsClientHttpRequestFactoryBuilder.class, "Apache-HttpClient/");

	private final String factory;

	private final Class<? extends ClientHttpRequestFactoryBuilder<?>> builderType;

	private final String userAgent;

	ImperativeClient(String factory, Class<? extends ClientHttpRequestFactoryBuilder<?>> builderType,
			String userAgent) {
		this.factory = factory;
		this.builderType = builderType;
		this.userAgent = userAgent;
	}

	String property() {
		return "spring.http.clients.imperative.factory=" + this.factory;
	}

	Class<? extends ClientHttpRequestFactoryBuilder<?>> builderType() {
		return this.builderType;
	}

	String userAgent() {
		return this.userAgent;
	}

}
