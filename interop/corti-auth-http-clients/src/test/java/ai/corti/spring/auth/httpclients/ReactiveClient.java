package ai.corti.spring.auth.httpclients;

import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.boot.http.client.reactive.HttpComponentsClientHttpConnectorBuilder;
import org.springframework.boot.http.client.reactive.JdkClientHttpConnectorBuilder;
import org.springframework.boot.http.client.reactive.JettyClientHttpConnectorBuilder;
import org.springframework.boot.http.client.reactive.ReactorClientHttpConnectorBuilder;

/**
 * The HTTP clients Boot can put under a {@code WebClient}, each with its value of
 * {@code spring.http.clients.reactive.connector}, the builder Boot then provides, and how
 * its {@code User-Agent} begins (which shows on the wire which client sent a request).
 */
enum ReactiveClient {

	REACTOR("reactor", ReactorClientHttpConnectorBuilder.class, "ReactorNetty/"),

	JDK("jdk", JdkClientHttpConnectorBuilder.class, "Java-http-client/"),

	JETTY("jetty", JettyClientHttpConnectorBuilder.class, "Jetty/"),

	HTTP_COMPONENTS("http-components", HttpComponentsClientHttpConnectorBuilder.class, "Apache-HttpAsyncClient/");

	private final String connector;

	private final Class<? extends ClientHttpConnectorBuilder<?>> builderType;

	private final String userAgent;

	ReactiveClient(String connector, Class<? extends ClientHttpConnectorBuilder<?>> builderType, String userAgent) {
		this.connector = connector;
		this.builderType = builderType;
		this.userAgent = userAgent;
	}

	String property() {
		return "spring.http.clients.reactive.connector=" + this.connector;
	}

	Class<? extends ClientHttpConnectorBuilder<?>> builderType() {
		return this.builderType;
	}

	String userAgent() {
		return this.userAgent;
	}

}
