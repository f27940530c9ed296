package ai.corti.spring.auth.starter;

import java.time.Duration;

import ai.corti.spring.auth.CortiTokenService;
import ai.corti.spring.auth.standin.CortiStandIn;
import ai.corti.spring.auth.test.AutoConfigureCortiStandIn;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * In a whole application, the first token is fetched in the background once the
 * application is ready: no call has to wait for it.
 */
@SpringBootTest(classes = CortiPrefetchApplicationTests.App.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
		properties = "corti.token.prefetch=true")
@AutoConfigureCortiStandIn
class CortiPrefetchApplicationTests {

	@Autowired
	CortiStandIn corti;

	@Autowired
	CortiTokenService tokens;

	@Autowired
	@Qualifier("cortiRestClient")
	RestClient client;

	@Test
	void theTokenIsThereBeforeTheFirstCall() {
		await().atMost(Duration.ofSeconds(10)).until(() -> this.tokens.status().tokenUsable());
		int tokenRequests = this.corti.tokenRequestCount();
		assertThat(tokenRequests).isEqualTo(1);
		assertThat(this.corti.apiRequests()).isEmpty();
		this.client.get().uri("/interactions/").retrieve().toBodilessEntity();
		assertThat(this.corti.tokenRequestCount()).isEqualTo(tokenRequests);
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class App {

	}

}
