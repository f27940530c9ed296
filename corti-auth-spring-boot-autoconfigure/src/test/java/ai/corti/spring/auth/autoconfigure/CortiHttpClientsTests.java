package ai.corti.spring.auth.autoconfigure;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import ai.corti.spring.auth.CortiConfigurationException;
import org.junit.jupiter.api.Test;

import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.http.client.reactive.JdkClientHttpConnector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link CortiHttpClients#check}: what startup asks of the HTTP clients Boot
 * chose.
 */
class CortiHttpClientsTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	private final CortiProperties.Proxy proxy = new CortiProperties.Proxy();

	private final AtomicInteger reactiveLookups = new AtomicInteger();

	/** A reactive builder Boot does not know, which cannot be told about a proxy. */
	private final ClientHttpConnectorBuilder<JdkClientHttpConnector> unknownConnector = (
			settings) -> new JdkClientHttpConnector();

	private CortiHttpClients httpClients() {
		return new CortiHttpClients(HttpClientSettings.defaults(), this.proxy, null);
	}

	private ClientHttpConnectorBuilder<?> lookUpConnector() {
		this.reactiveLookups.incrementAndGet();
		return this.unknownConnector;
	}

	@Test
	void withoutAProxyTheReactiveBuilderIsNotAskedFor() {
		httpClients().check(ClientHttpRequestFactoryBuilder.jdk(), this::lookUpConnector, TIMEOUT, TIMEOUT);
		assertThat(this.reactiveLookups).hasValue(0);
	}

	@Test
	void withAProxyTheReactiveBuilderIsAskedForAndChecked() {
		this.proxy.setHost("proxy.example.com");
		assertThatExceptionOfType(CortiConfigurationException.class)
			.isThrownBy(() -> httpClients().check(ClientHttpRequestFactoryBuilder.jdk(), this::lookUpConnector, TIMEOUT,
					TIMEOUT))
			.satisfies((ex) -> assertThat(ex.getProperty()).isEqualTo("corti.http.proxy.host"))
			.withMessageContaining("is not supported for a proxy");
		assertThat(this.reactiveLookups).hasValue(1);
	}

	@Test
	void withAProxyAndWithoutSpringWebFluxOnlyTheBlockingClientIsChecked() {
		this.proxy.setHost("proxy.example.com");
		httpClients().check(ClientHttpRequestFactoryBuilder.jdk(), () -> {
			this.reactiveLookups.incrementAndGet();
			return null;
		}, TIMEOUT, TIMEOUT);
		assertThat(this.reactiveLookups).hasValue(1);
	}

}
