package ai.corti.spring.auth.autoconfigure;

import ai.corti.spring.auth.CortiConfigurationException;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link CortiEndpoints}: Corti's URLs derived from the environment and tenant, overrides
 * checked before they are used, and a token endpoint resolved only when asked for.
 */
class CortiEndpointsTests {

	private static CortiProperties properties(@Nullable String environment, @Nullable String tenantName) {
		CortiProperties properties = new CortiProperties();
		properties.setEnvironment(environment);
		properties.setTenantName(tenantName);
		return properties;
	}

	private static CortiConfigurationException failure(CortiProperties properties) {
		return assertThatExceptionOfType(CortiConfigurationException.class)
			.isThrownBy(() -> CortiEndpoints.of(properties).tokenUri())
			.actual();
	}

	@Test
	void environmentAndTenantSelectCortisHosts() {
		CortiEndpoints endpoints = CortiEndpoints.of(properties("eu", "base"));
		assertThat(endpoints.tokenUri())
			.hasToString("https://auth.eu.corti.app/realms/base/protocol/openid-connect/token");
		assertThat(endpoints.baseUrl()).hasToString("https://api.eu.corti.app/v2");
		assertThat(endpoints.tenantName()).isEqualTo("base");
	}

	@Test
	void environmentsBeyondEuAndUsAreDnsLabels() {
		CortiEndpoints endpoints = CortiEndpoints.of(properties("dev-eu2", "acme"));
		assertThat(endpoints.tokenUri())
			.hasToString("https://auth.dev-eu2.corti.app/realms/acme/protocol/openid-connect/token");
		assertThat(endpoints.baseUrl()).hasToString("https://api.dev-eu2.corti.app/v2");
	}

	@Test
	void tenantNameIsTrimmed() {
		CortiEndpoints endpoints = CortiEndpoints.of(properties("us", "  acme \n"));
		assertThat(endpoints.tenantName()).isEqualTo("acme");
		assertThat(endpoints.tokenUri()).hasPath("/realms/acme/protocol/openid-connect/token");
	}

	@ParameterizedTest
	@ValueSource(strings = { "my.realm_1-x", "...", "A", ".hidden" })
	void tenantNamesOfLettersDigitsDotsUnderscoresAndDashesAreAccepted(String tenant) {
		assertThat(CortiEndpoints.of(properties("eu", tenant)).tokenUri())
			.hasPath("/realms/" + tenant + "/protocol/openid-connect/token");
	}

	@Test
	void overridesReplaceTheDerivedUrls() {
		CortiProperties properties = properties("eu", "base");
		properties.setTokenUri("https://login.example.com/realms/base/token");
		properties.setBaseUrl("https://proxy.example.com:8443/corti/v2");
		CortiEndpoints endpoints = CortiEndpoints.of(properties);
		assertThat(endpoints.tokenUri()).hasToString("https://login.example.com/realms/base/token");
		assertThat(endpoints.baseUrl()).hasToString("https://proxy.example.com:8443/corti/v2");
	}

	@Test
	void oneOverrideLeavesTheOtherDerived() {
		CortiProperties properties = properties("us", "base");
		properties.setBaseUrl("https://proxy.example.com/v2");
		CortiEndpoints endpoints = CortiEndpoints.of(properties);
		assertThat(endpoints.baseUrl()).hasToString("https://proxy.example.com/v2");
		assertThat(endpoints.tokenUri())
			.hasToString("https://auth.us.corti.app/realms/base/protocol/openid-connect/token");
	}

	@Test
	void overridesAreTrimmed() {
		CortiProperties properties = properties("eu", "base");
		properties.setTokenUri("  https://login.example.com/token\t");
		properties.setBaseUrl(" https://proxy.example.com/v2 ");
		CortiEndpoints endpoints = CortiEndpoints.of(properties);
		assertThat(endpoints.tokenUri()).hasToString("https://login.example.com/token");
		assertThat(endpoints.baseUrl()).hasToString("https://proxy.example.com/v2");
	}

	@Test
	void blankOverridesCountAsUnset() {
		CortiProperties properties = properties("eu", "base");
		properties.setTokenUri("  ");
		properties.setBaseUrl("");
		CortiEndpoints endpoints = CortiEndpoints.of(properties);
		assertThat(endpoints.tokenUri()).hasHost("auth.eu.corti.app");
		assertThat(endpoints.baseUrl()).hasHost("api.eu.corti.app");
	}

	@Test
	void bothOverridesMakeTheEnvironmentUnnecessary() {
		CortiProperties properties = properties(null, "base");
		properties.setTokenUri("https://login.example.com/token");
		properties.setBaseUrl("https://proxy.example.com/v2");
		CortiEndpoints endpoints = CortiEndpoints.of(properties);
		assertThat(endpoints.tokenUri()).hasToString("https://login.example.com/token");
		assertThat(endpoints.baseUrl()).hasToString("https://proxy.example.com/v2");
	}

	@Test
	void withoutEnvironmentOrBaseUrlTheFailureNamesTheEnvironment() {
		assertThatExceptionOfType(CortiConfigurationException.class)
			.isThrownBy(() -> CortiEndpoints.of(properties(null, "base")))
			.satisfies((ex) -> {
				assertThat(ex.getProperty()).isEqualTo("corti.environment");
				assertThat(ex.getProblem()).isEqualTo("is not set, and corti.base-url is not set either");
				assertThat(ex.getAction()).contains("'eu' or 'us'", "set both corti.token-uri and corti.base-url");
			});
	}

	@Test
	void aMissingTokenEndpointFailsOnlyWhenAskedFor() {
		CortiProperties properties = properties(null, "base");
		properties.setBaseUrl("https://proxy.example.com/v2");
		CortiEndpoints endpoints = CortiEndpoints.of(properties);
		assertThat(endpoints.baseUrl()).hasToString("https://proxy.example.com/v2");
		assertThat(endpoints.tenantName()).isEqualTo("base");
		assertThatExceptionOfType(CortiConfigurationException.class).isThrownBy(endpoints::tokenUri).satisfies((ex) -> {
			assertThat(ex.getProperty()).isEqualTo("corti.environment");
			assertThat(ex.getProblem()).isEqualTo("is not set, and corti.token-uri is not set either");
		});
	}

	@Test
	void aBadTokenUriOverrideFailsAtOnce() {
		CortiProperties properties = properties("eu", "base");
		properties.setTokenUri("http://login.example.com/token");
		assertThatExceptionOfType(CortiConfigurationException.class).isThrownBy(() -> CortiEndpoints.of(properties))
			.satisfies((ex) -> assertThat(ex.getProperty()).isEqualTo("corti.token-uri"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "   " })
	void missingTenantName(String tenant) {
		assertThatExceptionOfType(CortiConfigurationException.class)
			.isThrownBy(() -> CortiEndpoints.of(properties("eu", tenant)))
			.satisfies((ex) -> {
				assertThat(ex.getProperty()).isEqualTo("corti.tenant-name");
				assertThat(ex.getProblem()).isEqualTo("is not set");
				assertThat(ex.getAction()).contains("'base'");
			});
	}

	@Test
	void unsetTenantNameIsReportedBeforeTheEnvironment() {
		assertThatExceptionOfType(CortiConfigurationException.class)
			.isThrownBy(() -> CortiEndpoints.of(properties(null, null)))
			.satisfies((ex) -> assertThat(ex.getProperty()).isEqualTo("corti.tenant-name"));
	}

	@ParameterizedTest
	@ValueSource(strings = { ".", "..", "base/../master", "base?x=1", "base#", "ba se", "b%61se", "bäse" })
	void tenantNamesThatWouldNotStayOnePathSegmentAreRejected(String tenant) {
		assertThatExceptionOfType(CortiConfigurationException.class)
			.isThrownBy(() -> CortiEndpoints.of(properties("eu", tenant)))
			.satisfies((ex) -> {
				assertThat(ex.getProperty()).isEqualTo("corti.tenant-name");
				assertThat(ex.getProblem()).startsWith("is '" + tenant + "', which is not a tenant name");
			});
	}

	@ParameterizedTest
	@ValueSource(strings = { "EU", "-eu", "eu-", "eu.evil.example", "eu/x", "eu ", "évian", "eu_1", "-" })
	void environmentsThatAreNotDnsLabelsAreRejected(String environment) {
		assertThatExceptionOfType(CortiConfigurationException.class)
			.isThrownBy(() -> CortiEndpoints.of(properties(environment, "base")))
			.satisfies((ex) -> {
				assertThat(ex.getProperty()).isEqualTo("corti.environment");
				assertThat(ex.getProblem()).startsWith("is '" + environment + "', which is not an environment id");
			});
	}

	@Test
	void anInvalidEnvironmentIsRejectedEvenWhenBothUrlsAreOverridden() {
		CortiProperties properties = properties("eu.evil.example", "base");
		properties.setTokenUri("https://login.example.com/token");
		properties.setBaseUrl("https://proxy.example.com/v2");
		assertThat(failure(properties).getProperty()).isEqualTo("corti.environment");
	}

	@Test
	void unparsableUrlIsNotAValidUrl() {
		CortiProperties properties = properties("eu", "base");
		properties.setBaseUrl("https://api example/v2");
		CortiConfigurationException ex = failure(properties);
		assertThat(ex.getProperty()).isEqualTo("corti.base-url");
		assertThat(ex.getProblem()).startsWith("is not a valid URL (").contains("Illegal character");
		assertThat(ex.getAction())
			.isEqualTo("Set corti.base-url to an absolute https URL, or remove it to use Corti's default.");
	}

	@ParameterizedTest
	@ValueSource(strings = { "/realms/base/token", "auth.eu.corti.app/token", "https:/token", "https:///token",
			"mailto:auth@corti.app", "https://auth.eu.corti.app/token#frag", "https://auth.eu.corti.app#@evil.example",
			"https://user@auth.eu.corti.app/token", "https://auth_eu.corti.app/token" })
	void urlsWithoutAHostOrWithAFragmentOrUserInfoAreRejected(String url) {
		CortiProperties properties = properties("eu", "base");
		properties.setTokenUri(url);
		CortiConfigurationException ex = failure(properties);
		assertThat(ex.getProperty()).isEqualTo("corti.token-uri");
		assertThat(ex.getProblem()).endsWith("which is not an absolute URL with a host (and no user info or fragment)");
	}

	@Test
	void aBaseUrlWithAFragmentIsRejected() {
		CortiProperties properties = properties("eu", "base");
		properties.setBaseUrl("https://api.eu.corti.app/v2#x");
		CortiConfigurationException ex = failure(properties);
		assertThat(ex.getProperty()).isEqualTo("corti.base-url");
		assertThat(ex.getProblem()).contains("no user info or fragment");
	}

	@Test
	void anUnparsableUrlIsNotRepeated() {
		CortiProperties properties = properties("eu", "base");
		properties.setTokenUri("https://client:unparsable secret@auth.eu.corti.app/token");
		CortiConfigurationException ex = failure(properties);
		assertThat(ex.getProperty()).isEqualTo("corti.token-uri");
		assertThat(ex.getProblem()).startsWith("is not a valid URL");
		assertThat(ex.getMessage()).doesNotContain("unparsable secret");
	}

	@Test
	void userInfoOfARejectedUrlIsNotRepeated() {
		CortiProperties properties = properties("eu", "base");
		properties.setTokenUri("https://client:endpoints-secret-1357@auth.eu.corti.app/token");
		CortiConfigurationException ex = failure(properties);
		assertThat(ex.getProperty()).isEqualTo("corti.token-uri");
		assertThat(ex.getMessage()).doesNotContain("endpoints-secret-1357");
	}

	@ParameterizedTest
	@ValueSource(strings = { "http://api.eu.corti.app/v2", "ftp://api.eu.corti.app/v2", "ws://localhost/v2",
			"http://localhost.evil.example/v2", "http://0.0.0.0/v2", "http://10.0.0.1/v2", "http://[::2]/v2" })
	void urlsThatAreNotHttpsOrLoopbackHttpAreRejected(String url) {
		CortiProperties properties = properties("eu", "base");
		properties.setBaseUrl(url);
		CortiConfigurationException ex = failure(properties);
		assertThat(ex.getProperty()).isEqualTo("corti.base-url");
		assertThat(ex.getProblem()).isEqualTo("is '" + url + "', which does not use https");
		assertThat(ex.getAction()).contains("loopback hosts");
	}

	@ParameterizedTest
	@ValueSource(strings = { "http://localhost:8080/v2", "http://LOCALHOST/v2", "http://127.0.0.1:1/v2",
			"http://127.0.0.2/v2", "http://[::1]:9/v2", "HTTP://localhost/v2", "HTTPS://API.EXAMPLE.COM/v2" })
	void httpsAndPlainHttpToLoopbackAreAccepted(String url) {
		CortiProperties properties = properties("eu", "base");
		properties.setBaseUrl(url);
		properties.setTokenUri(url);
		CortiEndpoints endpoints = CortiEndpoints.of(properties);
		assertThat(endpoints.baseUrl()).hasToString(url);
		assertThat(endpoints.tokenUri()).hasToString(url);
	}

}
