package ai.corti.spring.auth.test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import ai.corti.spring.auth.autoconfigure.CortiConnectionDetails;
import ai.corti.spring.auth.standin.CortiStandIn;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.Mockito.mock;

class CortiStandInContextCustomizerFactoryTests {

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void onlyAnnotatedTestClassesGetAStandIn() {
		CortiStandInContextCustomizerFactory factory = new CortiStandInContextCustomizerFactory();
		assertThat(factory.createContextCustomizer(Annotated.class, List.of())).isNotNull();
		assertThat(factory.createContextCustomizer(CortiStandInContextCustomizerFactoryTests.class, List.of()))
			.isNull();
	}

	@Test
	void contributesConnectionDetailsInsteadOfPropertiesAndStopsTheStandInWithTheContext() {
		GenericApplicationContext context = customized();
		CortiStandIn standIn = context.getBean(CortiStandIn.class);
		CortiConnectionDetails details = context.getBean(CortiConnectionDetails.class);
		assertThat(details.getTokenUri()).hasToString(standIn.tokenUri());
		assertThat(details.getBaseUrl()).hasToString(standIn.baseUrl());
		assertThat(details.getTenantName()).isEqualTo(CortiStandIn.DEFAULT_TENANT);
		assertThat(details.getClientId()).isEqualTo(CortiStandIn.DEFAULT_CLIENT_ID);
		assertThat(details.getClientSecret()).isEqualTo(CortiStandIn.DEFAULT_CLIENT_SECRET);
		assertThat(details.toString()).doesNotContain(CortiStandIn.DEFAULT_CLIENT_SECRET);
		assertThat(context.getEnvironment().containsProperty("corti.token-uri")).isFalse();
		assertThat(context.getEnvironment().containsProperty("corti.client-secret")).isFalse();
		assertThat(context.getEnvironment().getProperty("corti.token.prefetch")).isEqualTo("false");
		String baseUrl = standIn.baseUrl();
		context.close();
		assertThatExceptionOfType(IOException.class)
			.isThrownBy(() -> this.http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/interactions/")).build(),
					HttpResponse.BodyHandlers.ofString()));
	}

	@Test
	void credentialsTheTestSetsAreTheOnesTheStandInAccepts() {
		GenericApplicationContext context = customized("corti.tenant-name=clinic", "corti.client-id=mine",
				"corti.client-secret=my-secret", "corti.token.prefetch=true");
		try {
			CortiStandIn standIn = context.getBean(CortiStandIn.class);
			assertThat(standIn.tenant()).isEqualTo("clinic");
			assertThat(standIn.clientId()).isEqualTo("mine");
			assertThat(standIn.clientSecret()).isEqualTo("my-secret");
			assertThat(context.getBean(CortiConnectionDetails.class).getTokenUri())
				.hasToString(standIn.tokenUri("clinic"));
			assertThat(context.getEnvironment().getProperty("corti.token.prefetch")).isEqualTo("true");
		}
		finally {
			context.close();
		}
	}

	@Test
	void namedClientsArePointedAtTheStandInWhichServesTheirTenants() throws Exception {
		GenericApplicationContext context = customized("corti.clients.eu.tenant-name=clinic-eu",
				"corti.clients.eu.client-id=eu-client", "corti.clients.eu.client-secret=eu-secret",
				"corti.clients.us.environment=us");
		try {
			CortiStandIn standIn = context.getBean(CortiStandIn.class);
			var environment = context.getEnvironment();
			assertThat(environment.getProperty("corti.clients.eu.token-uri")).isEqualTo(standIn.tokenUri("clinic-eu"));
			assertThat(environment.getProperty("corti.clients.eu.base-url")).isEqualTo(standIn.baseUrl());
			assertThat(environment.getProperty("corti.clients.us.tenant-name")).isEqualTo("us");
			assertThat(environment.getProperty("corti.clients.us.token-uri")).isEqualTo(standIn.tokenUri("us"));
			assertThat(token(standIn, "clinic-eu", "eu-client", "eu-secret").statusCode()).isEqualTo(200);
			assertThat(token(standIn, "us", CortiStandIn.DEFAULT_CLIENT_ID, CortiStandIn.DEFAULT_CLIENT_SECRET)
				.statusCode()).isEqualTo(200);
			assertThat(token(standIn, "clinic-eu", CortiStandIn.DEFAULT_CLIENT_ID, CortiStandIn.DEFAULT_CLIENT_SECRET)
				.statusCode()).isEqualTo(401);
		}
		finally {
			context.close();
		}
	}

	private GenericApplicationContext customized(String... properties) {
		ContextCustomizer customizer = new CortiStandInContextCustomizerFactory()
			.createContextCustomizer(Annotated.class, List.of());
		assertThat(customizer).isNotNull();
		GenericApplicationContext context = new GenericApplicationContext();
		TestPropertyValues.of(properties).applyTo(context);
		customizer.customizeContext(context, mock(MergedContextConfiguration.class));
		context.refresh();
		return context;
	}

	private HttpResponse<String> token(CortiStandIn standIn, String tenant, String clientId, String secret)
			throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create(standIn.tokenUri(tenant)))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers
				.ofString("grant_type=client_credentials&client_id=" + clientId + "&client_secret=" + secret))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	@AutoConfigureCortiStandIn
	static class Annotated {

	}

}
