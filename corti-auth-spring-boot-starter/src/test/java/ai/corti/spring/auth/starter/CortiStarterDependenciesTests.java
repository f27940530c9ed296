package ai.corti.spring.auth.starter;

import org.junit.jupiter.api.Test;

import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter leaves out what it never loads (the Nimbus SDK, Netty's HTTP/3 and QUIC
 * codecs); every other test of this module runs on the starter's own dependencies, so
 * they prove the clients, token service, health and metrics work without them.
 */
class CortiStarterDependenciesTests {

	@Test
	void theNimbusOAuthSdkIsNotOnTheStartersClassPath() {
		assertThat(ClassUtils.isPresent("com.nimbusds.oauth2.sdk.ParseException", null)).isFalse();
		assertThat(ClassUtils.isPresent("com.nimbusds.jose.JWSObject", null)).isFalse();
	}

	@Test
	void nettysHttp3AndQuicCodecsAreNotOnTheStartersClassPath() {
		assertThat(ClassUtils.isPresent("io.netty.handler.codec.http3.Http3", null)).isFalse();
		assertThat(ClassUtils.isPresent("io.netty.handler.codec.quic.QuicChannel", null)).isFalse();
		// What the Corti clients use of Reactor Netty is there.
		assertThat(ClassUtils.isPresent("reactor.netty.http.client.HttpClient", null)).isTrue();
		assertThat(ClassUtils.isPresent("io.netty.handler.proxy.HttpProxyHandler", null)).isTrue();
	}

}
