package ai.corti.spring.auth.starter;

import ai.corti.spring.auth.test.AutoConfigureCortiStandIn;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Corti API calls show up in Boot's standard {@code http.client.requests} metrics,
 * because our clients come from Boot's builders, and token requests in
 * {@code corti.token.fetch}.
 */
@SpringBootTest(classes = CortiMetricsTests.App.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
@AutoConfigureCortiStandIn
class CortiMetricsTests {

	@Autowired
	MeterRegistry meters;

	@Test
	void apiCallsAndTokenFetchesAreMeasured(@Autowired @Qualifier("cortiRestClient") RestClient rest,
			@Autowired @Qualifier("cortiWebClient") WebClient web) {
		rest.get().uri("/interactions/?pageSize=1").retrieve().toBodilessEntity();
		web.get().uri("/interactions/?pageSize=1").retrieve().toBodilessEntity().block();
		assertThat(this.meters.get("http.client.requests").tag("uri", "/v2/interactions/?pageSize=1").timers())
			.extracting((timer) -> timer.getId().getTag("client.name"))
			.contains("127.0.0.1");
		assertThat(this.meters.get("http.client.requests")
			.tag("uri", "/v2/interactions/?pageSize=1")
			.timers()
			.stream()
			.mapToLong((timer) -> timer.count())
			.sum()).isEqualTo(2);
		assertThat(this.meters.get("corti.token.fetch")
			.tag("outcome", "success")
			.tag("trigger", "initial")
			.timer()
			.count()).isEqualTo(1);
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class App {

	}

}
