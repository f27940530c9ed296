package ai.corti.spring.auth.autoconfigure;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

import ai.corti.spring.auth.CortiWebSocketUrls;
import ai.corti.spring.auth.standin.CortiStandIn;
import ai.corti.spring.auth.standin.CortiStandInExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link CortiConnectionDetails}: resolved once from the properties by default, replaced
 * by an application's bean.
 */
class CortiConnectionDetailsTests {

	@RegisterExtension
	static CortiStandInExtension corti = new CortiStandInExtension();

	@Test
	void detailsComeFromThePropertiesByDefault() {
		StandInContextRunner.withoutProperties()
			.withPropertyValues("corti.environment=us", "corti.tenant-name=acme", "corti.client-id=id",
					"corti.client-secret=details-secret-1")
			.run((context) -> {
				CortiConnectionDetails details = context.getBean(CortiConnectionDetails.class);
				assertThat(details).isInstanceOf(PropertiesCortiConnectionDetails.class);
				assertThat(details.getTenantName()).isEqualTo("acme");
				assertThat(details.getBaseUrl()).hasToString("https://api.us.corti.app/v2");
				assertThat(details.getWebSocketBaseUrl()).hasToString("wss://api.us.corti.app/audio-bridge/v2");
				assertThat(details.getTokenUri())
					.hasToString("https://auth.us.corti.app/realms/acme/protocol/openid-connect/token");
				assertThat(details.getClientId()).isEqualTo("id");
				assertThat(details.toString()).doesNotContain("details-secret-1");
			});
	}

	@Test
	void anApplicationsDetailsReplaceThePropertiesEverywhere(CortiStandIn standIn) {
		CortiConnectionDetails details = new StandInDetails(standIn);
		StandInContextRunner.withoutProperties()
			.withBean("myCortiConnection", CortiConnectionDetails.class, () -> details)
			.run((context) -> {
				assertThat(context).hasNotFailed().doesNotHaveBean(PropertiesCortiConnectionDetails.class);
				assertThat(context.getBean("cortiClientRegistration", ClientRegistration.class)
					.getProviderDetails()
					.getTokenUri()).isEqualTo(standIn.tokenUri());
				context.getBean("cortiRestClient", RestClient.class)
					.get()
					.uri("/interactions/")
					.retrieve()
					.toBodilessEntity();
				context.getBean("cortiWebClient", WebClient.class)
					.get()
					.uri("/interactions/")
					.retrieve()
					.toBodilessEntity()
					.block();
				assertThat(standIn.tokenRequests()).singleElement()
					.satisfies((request) -> assertThat(request.form()).containsEntry("client_secret",
							standIn.clientSecret()));
				assertThat(standIn.apiRequests()).hasSize(2)
					.allSatisfy((call) -> assertThat(call.header("Tenant-Name")).isEqualTo(standIn.tenant()));
				URI streams = context.getBean(CortiWebSocketUrls.class).streams("abc").block();
				assertThat(streams).hasScheme("ws").hasPort(standIn.port());
				assertThat(URLDecoder.decode(streams.getRawQuery(), StandardCharsets.UTF_8))
					.contains("tenant-name=" + standIn.tenant());
			});
	}

	/** Details an application could read from a secrets store; here, the stand-in's. */
	private record StandInDetails(CortiStandIn standIn) implements CortiConnectionDetails {

		@Override
		public String getTenantName() {
			return this.standIn.tenant();
		}

		@Override
		public URI getBaseUrl() {
			return URI.create(this.standIn.baseUrl());
		}

		@Override
		public URI getTokenUri() {
			return URI.create(this.standIn.tokenUri());
		}

		@Override
		public String getClientId() {
			return this.standIn.clientId();
		}

		@Override
		public String getClientSecret() {
			return this.standIn.clientSecret();
		}

	}

}
