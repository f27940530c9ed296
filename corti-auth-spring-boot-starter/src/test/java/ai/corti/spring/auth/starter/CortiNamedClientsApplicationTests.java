package ai.corti.spring.auth.starter;

import java.time.Duration;

import ai.corti.spring.auth.autoconfigure.CortiClients;
import ai.corti.spring.auth.autoconfigure.CortiConnectionDetails;
import ai.corti.spring.auth.standin.CortiStandIn;
import ai.corti.spring.auth.standin.RecordedRequest;
import ai.corti.spring.auth.test.AutoConfigureCortiStandIn;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application with the top-level client and two named clients under
 * {@code @AutoConfigureCortiStandIn}: the top-level client runs on the stand-in's
 * connection details (no {@code corti.*} URL or credential property), each named client
 * on its own tenant of the stand-in, and Corti's own meters carry the client's
 * registration.
 */
@SpringBootTest(classes = CortiNamedClientsApplicationTests.App.class,
		webEnvironment = SpringBootTest.WebEnvironment.NONE,
		properties = { "corti.clients.eu.tenant-name=clinic-eu", "corti.clients.eu.client-id=eu-client",
				"corti.clients.eu.client-secret=eu-secret", "corti.clients.us.client-secret=us-secret",
				"corti.http.retry.initial-backoff=10ms" })
@AutoConfigureCortiStandIn
class CortiNamedClientsApplicationTests {

	@Autowired
	CortiStandIn corti;

	@Autowired
	MeterRegistry meters;

	@BeforeEach
	void reset() {
		this.corti.reset();
	}

	@Test
	void topLevelClientRunsOnTheStandInsConnectionDetails(@Autowired Environment environment,
			@Autowired CortiConnectionDetails details, @Autowired @Qualifier("cortiRestClient") RestClient rest) {
		assertThat(environment.containsProperty("corti.base-url")).isFalse();
		assertThat(environment.containsProperty("corti.token-uri")).isFalse();
		assertThat(details.getBaseUrl()).hasToString(this.corti.baseUrl());
		rest.get().uri("/interactions/").retrieve().toBodilessEntity();
		RecordedRequest call = this.corti.apiRequests().get(0);
		assertThat(call.header("Tenant-Name")).isEqualTo(CortiStandIn.DEFAULT_TENANT);
		assertThat(this.corti.tokenRequests().get(0).form()).containsEntry("client_id", CortiStandIn.DEFAULT_CLIENT_ID);
	}

	@Test
	void namedClientsCallTheirOwnTenantsAndTheirMetersSayWhichClient(@Autowired @Qualifier("corti-eu") WebClient eu,
			@Autowired @Qualifier("corti-us") RestClient us, @Autowired CortiClients clients) {
		eu.get().uri("/interactions/").retrieve().toBodilessEntity().block(Duration.ofSeconds(10));
		this.corti.failNextApiRequests(1, 503, null);
		us.get().uri("/interactions/").retrieve().toBodilessEntity();
		assertThat(this.corti.apiRequests()).extracting((call) -> call.header("Tenant-Name"))
			.containsExactly("clinic-eu", "us", "us");
		assertThat(this.corti.tokenRequests()).extracting((call) -> call.form().get("client_id"))
			.containsExactlyInAnyOrder("eu-client", CortiStandIn.DEFAULT_CLIENT_ID);
		assertThat(clients.names()).containsExactlyInAnyOrder("eu", "us");
		assertThat(this.meters.get("corti.token.fetch").tag("corti.registration", "corti-eu").timer().count())
			.isEqualTo(1);
		assertThat(this.meters.get("corti.token.fetch").tag("corti.registration", "corti-us").timer().count())
			.isEqualTo(1);
		assertThat(this.meters.get("corti.http.retry").tag("corti.registration", "corti-us").timer().count())
			.isEqualTo(1);
		assertThat(this.meters.find("corti.http.retry").tag("corti.registration", "corti-eu").timer()).isNull();
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class App {

	}

}
