package ai.corti.spring.auth;

import java.net.URI;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link CortiOrigin}: tokens go only to URLs with the API's exact scheme, host and port.
 */
class CortiOriginTests {

	private final CortiOrigin api = CortiOrigin.of(URI.create("https://api.eu.corti.app/v2"));

	@Test
	void httpsWithoutAPortIsPort443() {
		assertThat(this.api).isEqualTo(new CortiOrigin("https", "api.eu.corti.app", 443));
	}

	@Test
	void httpWithoutAPortIsPort80() {
		assertThat(CortiOrigin.of(URI.create("http://localhost/v2")))
			.isEqualTo(new CortiOrigin("http", "localhost", 80));
	}

	@Test
	void anExplicitPortIsKept() {
		assertThat(CortiOrigin.of(URI.create("http://127.0.0.1:8080/v2")).port()).isEqualTo(8080);
		assertThat(CortiOrigin.of(URI.create("https://api.eu.corti.app:8443")).port()).isEqualTo(8443);
	}

	@Test
	void schemeAndHostAreLowerCased() {
		assertThat(CortiOrigin.of(URI.create("HTTP://LocalHost/v2")))
			.isEqualTo(new CortiOrigin("http", "localhost", 80));
	}

	@ParameterizedTest
	@ValueSource(strings = { "https://api.eu.corti.app/v2/interactions/", "https://api.eu.corti.app",
			"https://api.eu.corti.app:443/other?x=1#y", "HTTPS://API.EU.CORTI.APP/v2",
			"https://someone@api.eu.corti.app/v2" })
	void sameSchemeHostAndPortMatchWhateverThePath(String url) {
		assertThat(this.api.matches(URI.create(url))).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "http://api.eu.corti.app/v2", "https://api.eu.corti.app:8443/v2",
			"https://api.us.corti.app/v2", "https://api.eu.corti.app.evil.example/v2", "https://evil.example/v2",
			"https://eu.corti.app/v2", "https://api.eu.corti.app./v2", "wss://api.eu.corti.app/v2",
			"https://evil.example/api.eu.corti.app", "/v2/interactions", "mailto:api@api.eu.corti.app" })
	void anyOtherOriginDoesNotMatch(String url) {
		assertThat(this.api.matches(URI.create(url))).isFalse();
	}

	@Test
	void theDefaultPortOfPlainHttpMatchesWhenWrittenOut() {
		CortiOrigin local = CortiOrigin.of(URI.create("http://localhost/v2"));
		assertThat(local.matches(URI.create("http://localhost:80/v2/x"))).isTrue();
		assertThat(local.matches(URI.create("http://localhost:443/v2/x"))).isFalse();
		assertThat(local.matches(URI.create("https://localhost/v2/x"))).isFalse();
	}

}
