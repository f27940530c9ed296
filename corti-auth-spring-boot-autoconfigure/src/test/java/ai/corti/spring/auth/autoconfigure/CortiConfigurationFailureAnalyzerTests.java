package ai.corti.spring.auth.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Every bad configuration fails startup with a report that names the property, the
 * problem and the fix.
 */
@ExtendWith(OutputCaptureExtension.class)
class CortiConfigurationFailureAnalyzerTests {

	private static final String SECRET = "analyzer-secret-value-1234";

	private static final List<String> VALID = List.of("corti.environment=eu", "corti.tenant-name=base",
			"corti.client-id=my-client", "corti.client-secret=" + SECRET);

	@Test
	void startupFailureReportComesFromTheRegisteredAnalyzer(CapturedOutput output) {
		SpringApplication application = new SpringApplication(EmptyApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		assertThatExceptionOfType(Exception.class).isThrownBy(() -> application.run("--corti.environment=eu",
				"--corti.tenant-name=base", "--corti.client-secret=" + SECRET));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("The Corti API client is misconfigured: corti.client-id is not set.")
			.contains("Set corti.client-id to the client id of your Corti API client")
			.doesNotContain(SECRET);
	}

	@Test
	void theReportSaysWhichFileAndLineTheBadValueCameFrom(CapturedOutput output) {
		SpringApplication application = new SpringApplication(EmptyApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		assertThatExceptionOfType(Exception.class)
			.isThrownBy(() -> application.run("--spring.config.location=classpath:corti-bad-budget.properties"));
		assertThat(output).contains(
				"The Corti API client is misconfigured: corti.http.retry.budget.ratio is 1.5, not a fraction between 0 and 1.")
			.contains("The value comes from class path resource [corti-bad-budget.properties] - 5:")
			.doesNotContain("budget-file-secret-4321");
	}

	@Test
	void theReportSaysWhichArgumentTheBadValueOfANamedClientCameFrom(CapturedOutput output) {
		SpringApplication application = new SpringApplication(EmptyApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		assertThatExceptionOfType(Exception.class).isThrownBy(() -> application.run("--corti.clients.us.environment=us",
				"--corti.clients.us.tenant-name=base", "--corti.clients.us.client-id=us-client",
				"--corti.clients.us.client-secret=" + SECRET, "--corti.clients.us.http.retry.budget.ratio=2"));
		assertThat(output)
			.contains("corti.clients.us.http.retry.budget.ratio is 2.0, not a fraction between 0 and 1. The value "
					+ "comes from \"corti.clients.us.http.retry.budget.ratio\" from property source \"commandLineArgs\".")
			.doesNotContain(SECRET);
	}

	@Test
	void validConfigurationStarts() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(CortiAutoConfiguration.class,
					CortiRestClientAutoConfiguration.class, CortiWebClientAutoConfiguration.class))
			.withPropertyValues(VALID.toArray(String[]::new))
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void missingClientId() {
		FailureAnalysis analysis = analyze(without("corti.client-id"));
		assertThat(analysis.getDescription())
			.isEqualTo("The Corti API client is misconfigured: corti.client-id is not set.");
		assertThat(analysis.getAction()).contains("Set corti.client-id");
	}

	@Test
	void missingClientSecret() {
		FailureAnalysis analysis = analyze(without("corti.client-secret"));
		assertThat(analysis.getDescription()).contains("corti.client-secret is not set");
		assertThat(analysis.getAction()).contains("Set corti.client-secret", "${CORTI_CLIENT_SECRET}");
	}

	@Test
	void blankClientSecret() {
		FailureAnalysis analysis = analyze(with(without("corti.client-secret"), "corti.client-secret=   "));
		assertThat(analysis.getDescription()).contains("corti.client-secret is not set");
	}

	@Test
	void missingTenantName() {
		FailureAnalysis analysis = analyze(without("corti.tenant-name"));
		assertThat(analysis.getDescription()).contains("corti.tenant-name is not set");
		assertThat(analysis.getAction()).contains("'base'");
	}

	@Test
	void missingEnvironmentWithoutUrlOverrides() {
		FailureAnalysis analysis = analyze(without("corti.environment"));
		assertThat(analysis.getDescription()).contains("corti.environment is not set");
		assertThat(analysis.getAction()).contains("'eu' or 'us'", "corti.token-uri and corti.base-url");
	}

	@Test
	void missingEnvironmentWithOnlyOneUrlOverride() {
		FailureAnalysis analysis = analyze(
				with(without("corti.environment"), "corti.token-uri=https://auth.example.com/token"));
		assertThat(analysis.getDescription()).contains("corti.environment is not set, and corti.base-url is not set");
	}

	@Test
	void environmentAndBothUrlOverridesAreNotNeededTogether() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(CortiAutoConfiguration.class))
			.withPropertyValues(with(without("corti.environment"), "corti.token-uri=https://auth.example.com/token",
					"corti.base-url=https://api.example.com/v2")
				.toArray(String[]::new))
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@ParameterizedTest
	@ValueSource(strings = { "eu.evil.example#", "EU", "eu/../x", "eu evil", "évian", "-", "eu-", "-eu" })
	void invalidEnvironment(String environment) {
		FailureAnalysis analysis = analyze(with(without("corti.environment"), "corti.environment=" + environment));
		assertThat(analysis.getDescription()).contains("corti.environment is '" + environment + "'",
				"not an environment id");
		assertThat(analysis.getAction()).contains("'eu' or 'us'");
	}

	@Test
	void environmentsBeyondEuAndUsAreAccepted() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(CortiAutoConfiguration.class))
			.withPropertyValues(with(without("corti.environment"), "corti.environment=dev-eu2").toArray(String[]::new))
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@ParameterizedTest
	@ValueSource(strings = { "base/../master", "base?x=1", "base#", "ba se", "..", "." })
	void invalidTenantName(String tenant) {
		FailureAnalysis analysis = analyze(with(without("corti.tenant-name"), "corti.tenant-name=" + tenant));
		assertThat(analysis.getDescription()).contains("corti.tenant-name is '" + tenant + "'", "not a tenant name");
	}

	@Test
	void relativeTokenUri() {
		FailureAnalysis analysis = analyze(with(VALID, "corti.token-uri=/realms/base/token"));
		assertThat(analysis.getDescription()).contains("corti.token-uri is '/realms/base/token'",
				"not an absolute URL");
		assertThat(analysis.getAction()).contains("absolute https URL");
	}

	@Test
	void plainHttpBaseUrlToARemoteHost() {
		FailureAnalysis analysis = analyze(with(VALID, "corti.base-url=http://api.eu.corti.app/v2"));
		assertThat(analysis.getDescription()).contains("corti.base-url", "does not use https");
		assertThat(analysis.getAction()).contains("loopback");
	}

	@Test
	void baseUrlWithAFragmentOrUserInfo() {
		assertThat(analyze(with(VALID, "corti.base-url=https://api.eu.corti.app#@evil.example")).getDescription())
			.contains("corti.base-url");
		assertThat(analyze(with(VALID, "corti.token-uri=https://user@auth.eu.corti.app/t")).getDescription())
			.contains("corti.token-uri");
	}

	@Test
	void unparsableUrl() {
		FailureAnalysis analysis = analyze(with(VALID, "corti.token-uri=https://auth example/token"));
		assertThat(analysis.getDescription()).contains("corti.token-uri", "not a valid URL");
	}

	@ParameterizedTest
	@ValueSource(strings = { "http://localhost:8080/v2", "http://127.0.0.1:1/v2", "http://[::1]:9/v2" })
	void plainHttpIsAcceptedForLoopbackHosts(String url) {
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(CortiAutoConfiguration.class, CortiRestClientAutoConfiguration.class))
			.withPropertyValues(with(VALID, "corti.base-url=" + url).toArray(String[]::new))
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@ParameterizedTest
	@ValueSource(strings = { "corti.token.renew-before-expiry=0s", "corti.token.expiry-margin=-5s",
			"corti.token.default-lifetime=0s", "corti.token.failure-backoff=-1s", "corti.token.connect-timeout=0s",
			"corti.token.read-timeout=0ms", "corti.token.retry.initial-backoff=0s", "corti.token.retry.max-backoff=-1s",
			"corti.http.connect-timeout=0s", "corti.http.read-timeout=-1s", "corti.http.pending-acquire-timeout=0s",
			"corti.token.retry.max-retry-after=0s", "corti.http.retry.initial-backoff=0s",
			"corti.http.retry.max-backoff=-1s", "corti.http.retry.max-retry-after=0s",
			"corti.http.retry.budget.window=0s" })
	void zeroOrNegativeDurations(String property) {
		String name = property.substring(0, property.indexOf('='));
		FailureAnalysis analysis = analyze(with(VALID, property));
		assertThat(analysis.getDescription()).contains(name, "not a positive duration");
		assertThat(analysis.getAction()).contains("Set " + name + " to a positive duration");
	}

	@ParameterizedTest
	@ValueSource(strings = { "corti.token.retry.max-attempts=0", "corti.http.max-connections=0",
			"corti.http.max-pending-requests=-2", "corti.http.retry.max-retries=-1",
			"corti.http.retry.budget.min-retries=-1" })
	void countsBelowTheirMinimum(String property) {
		String name = property.substring(0, property.indexOf('='));
		FailureAnalysis analysis = analyze(with(VALID, property));
		assertThat(analysis.getDescription()).contains(name, "below the minimum");
	}

	@ParameterizedTest
	@ValueSource(strings = { "corti.token.renew-before-expiry=30s", "corti.token.renew-before-expiry=10s" })
	void renewalThatWouldStartOnlyWhenTheTokenStopsBeingHandedOutNamesBothProperties(String property) {
		FailureAnalysis analysis = analyze(with(VALID, property));
		assertThat(analysis.getDescription()).contains("corti.token.renew-before-expiry", "corti.token.expiry-margin",
				"not longer than", "every renewal would make callers wait");
		assertThat(analysis.getAction())
			.contains("Set corti.token.renew-before-expiry longer than corti.token.expiry-margin");
	}

	@Test
	void retryBudgetRatioOutsideZeroToOne() {
		FailureAnalysis analysis = analyze(with(VALID, "corti.http.retry.budget.ratio=1.5"));
		assertThat(analysis.getDescription()).contains("corti.http.retry.budget.ratio is 1.5", "between 0 and 1");
	}

	@Test
	void unknownClientAuthenticationMethod() {
		FailureAnalysis analysis = analyze(with(VALID, "corti.token.client-authentication-method=private_key_jwt"));
		assertThat(analysis.getDescription())
			.contains("corti.token.client-authentication-method is 'private_key_jwt', which is not supported");
		assertThat(analysis.getAction()).contains("client_secret_post", "client_secret_basic");
	}

	@Test
	void proxyWithAnHttpClientThatCannotUseIt() {
		Throwable[] failure = new Throwable[1];
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(CortiAutoConfiguration.class,
				org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration.class,
				org.springframework.boot.http.client.autoconfigure.imperative.ImperativeHttpClientAutoConfiguration.class))
			.withPropertyValues(with(VALID, "corti.http.proxy.host=proxy.hospital.example",
					"spring.http.clients.imperative.factory=simple")
				.toArray(String[]::new))
			.run((context) -> failure[0] = context.getStartupFailure());
		FailureAnalysis analysis = new CortiConfigurationFailureAnalyzer(null).analyze(failure[0]);
		assertThat(analysis.getDescription()).contains("corti.http.proxy.host is set",
				"SimpleClientHttpRequestFactoryBuilder", "not supported for a proxy");
		assertThat(analysis.getAction()).contains("Reactor Netty", "JDK HttpClient");
	}

	@Test
	void invalidProxyPort() {
		FailureAnalysis analysis = analyze(
				with(VALID, "corti.http.proxy.host=proxy.hospital.example", "corti.http.proxy.port=0"));
		assertThat(analysis.getDescription()).contains("corti.http.proxy.port is 0, below the minimum of 1");
	}

	@Test
	void invalidScope() {
		FailureAnalysis analysis = analyze(with(VALID, "corti.scopes=streams,\"quoted\""));
		assertThat(analysis.getDescription()).contains("corti.scopes", "not a valid OAuth 2.0 scope");
	}

	@Test
	void noReportEverContainsTheSecret() {
		for (List<String> properties : List.of(without("corti.client-id"), with(VALID, "corti.environment=EU"),
				with(VALID, "corti.token.client-authentication-method=x"))) {
			FailureAnalysis analysis = analyze(properties);
			assertThat(analysis.getDescription() + analysis.getAction()).doesNotContain(SECRET);
			assertThat(analysis.getCause().getMessage()).doesNotContain(SECRET);
		}
	}

	private static FailureAnalysis analyze(List<String> properties) {
		Throwable[] failure = new Throwable[1];
		Environment[] environment = new Environment[1];
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(CortiAutoConfiguration.class,
					CortiRestClientAutoConfiguration.class, CortiWebClientAutoConfiguration.class))
			.withPropertyValues(properties.toArray(String[]::new))
			.withInitializer((context) -> environment[0] = context.getEnvironment())
			.run((context) -> failure[0] = context.getStartupFailure());
		assertThat(failure[0]).as("startup failure").isNotNull();
		FailureAnalysis analysis = new CortiConfigurationFailureAnalyzer(environment[0]).analyze(failure[0]);
		assertThat(analysis).as("analysis of " + failure[0]).isNotNull();
		return analysis;
	}

	private static List<String> without(String name) {
		return VALID.stream().filter((property) -> !property.startsWith(name + "=")).toList();
	}

	private static List<String> with(List<String> base, String... extra) {
		List<String> all = new ArrayList<>(base);
		all.addAll(List.of(extra));
		return all;
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ CortiAutoConfiguration.class, CortiClientsAutoConfiguration.class })
	static class EmptyApplication {

	}

}
