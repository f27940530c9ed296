package ai.corti.sample;

import java.net.ConnectException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import ai.corti.spring.auth.CortiTokenService;
import ai.corti.spring.auth.autoconfigure.CortiClients;
import ai.corti.spring.auth.autoconfigure.CortiConnectionDetails;
import ai.corti.spring.auth.standin.CortiStandIn;
import ai.corti.spring.auth.standin.RecordedRequest;
import ai.corti.spring.auth.test.CortiStandInConnectionDetails;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.ObjectMapper;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.security.autoconfigure.SecurityProperties;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Runs the sample against the stand-in as {@link TestSampleApplication} does, only faster
 * (2 s tokens, 250 ms between calls), once for the whole class: the tours at startup,
 * then the front-end token endpoint and the named client over real loopback HTTP. More
 * short runs show the sample as it calls Corti (here a stand-in reached through the
 * {@code corti.*} properties), without the named client and with the {@code corti-us}
 * profile, and the stand-in supplied as ahead-of-time processed runs take it.
 */
@ExtendWith(OutputCaptureExtension.class)
class SampleApplicationTests {

	private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
	};

	private static final String US_TENANT = "us-clinics";

	private static final String[] FAST = { "--sample.pause=250ms", "--" + LocalStandIn.TOKEN_LIFETIME + "=2s" };

	private static CortiStandIn standIn;

	private static ConfigurableApplicationContext context;

	private static String tourOutput;

	private static RestClient http;

	@BeforeAll
	static void runSample(CapturedOutput output) {
		SpringApplication application = new SpringApplication(SampleApplication.class, StandInConfiguration.class);
		application.setAdditionalProfiles(SampleApplication.STAND_IN_PROFILE);
		context = application.run(FAST);
		standIn = context.getBean(CortiStandIn.class);
		tourOutput = output.getAll();
		http = RestClient.builder()
			.baseUrl("http://127.0.0.1:" + context.getEnvironment().getRequiredProperty("local.server.port"))
			.defaultStatusHandler((status) -> true, (request, response) -> {
			})
			.build();
	}

	@AfterAll
	static void close() {
		context.close();
		assertClosed(standIn);
	}

	@Test
	void tourCallsThroughBothClientsAcrossRenewalsAndA401UnderEachWithoutFailures() {
		assertTourHealedBothClients(tourOutput);
		assertThat(tourOutput).contains("call  1 via RestClient")
			.contains("call  2 via WebClient     ")
			.contains("token was renewed in the background");
		assertThat(standIn.tokenRequestCount()).isGreaterThanOrEqualTo(3);
		assertThat(standIn.apiRequests()).allSatisfy((call) -> {
			assertThat(call.header("Authorization")).startsWith("Bearer ");
			assertThat(call.header("Tenant-Name")).isIn(standIn.tenant(), US_TENANT);
		});
	}

	@Test
	void standInSuppliesTheTopLevelClientsConnectionAsABean() {
		assertThat(context.getBean(CortiConnectionDetails.class)).isInstanceOf(CortiStandInConnectionDetails.class);
		assertThat(context.getEnvironment().getProperty("corti.tenant-name")).isEmpty();
		assertThat(standIn.apiRequests())
			.anySatisfy((call) -> assertThat(call.header("Tenant-Name")).isEqualTo("base"));
	}

	@Test
	void tourCallsTheNamedClientWithItsOwnTenant() {
		assertThat(tourOutput).contains("Named client corti.clients.us (@Qualifier(\"corti-us\") RestClient)")
			.contains("call via corti-us          -> GET /interactions/?pageSize=1: OK [interactions]  <- "
					+ "Tenant-Name: us-clinics (top-level client: base)");
	}

	@Test
	void namedClientSendsItsOwnTenantAndAToken() {
		RestClient us = context.getBean(CortiClients.class).get("us").getRestClient();
		assertThat(us.get().uri("/interactions/?pageSize=1").retrieve().body(String.class)).contains("interactions");
		RecordedRequest call = last(standIn.apiRequests());
		assertThat(call.header("Tenant-Name")).isEqualTo(US_TENANT);
		String token = call.header("Authorization").substring("Bearer ".length());
		assertThat(claims(token).get("iss")).isEqualTo(standIn.origin() + "/realms/" + US_TENANT);
		assertThat(token).isNotEqualTo(context.getBean(CortiTokenService.class).getAccessToken());
	}

	@Test
	void frontendTokenNeedsAUserOfTheApplication() {
		ResponseEntity<Map<String, Object>> anonymous = frontendToken("streams", null);
		assertThat(anonymous.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(anonymous.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Basic");
		assertThat(anonymous.getBody()).containsEntry("status", 401).doesNotContainKey("token");
		assertThat(frontendToken("streams", "not-the-password").getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
	}

	@Test
	void frontendTokenForAUserIsScopedToStreams(CapturedOutput output) {
		ResponseEntity<Map<String, Object>> answer = frontendToken("streams", password());
		assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(answer.getHeaders().getCacheControl()).contains("no-store");
		Map<String, Object> body = answer.getBody();
		assertThat(body).containsEntry("scope", "streams").containsKeys("token", "expiresAt");
		assertThat(Instant.parse((String) body.get("expiresAt"))).isAfter(Instant.now());
		String token = (String) body.get("token");
		assertThat(claims(token).get("scope")).isEqualTo("openid streams");
		assertThat(token).isNotEqualTo(context.getBean(CortiTokenService.class).getAccessToken());
		assertThat(standIn.tokenRequests()).anySatisfy((request) -> {
			assertThat(request.path()).startsWith("/realms/" + standIn.tenant() + "/");
			assertThat(request.form().get("scope")).contains("streams");
		});
		assertThat(output.getAll()).doesNotContain(token);
	}

	@Test
	void frontendTokenForAUserIsScopedToTranscribe(CapturedOutput output) {
		ResponseEntity<Map<String, Object>> answer = frontendToken("transcribe", password());
		assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(answer.getBody()).containsEntry("scope", "transcribe");
		String token = (String) answer.getBody().get("token");
		assertThat(claims(token).get("scope")).isEqualTo("openid transcribe");
		assertThat(output.getAll()).doesNotContain(token);
	}

	@Test
	void frontendTokenRefusesAnyOtherScope() {
		ResponseEntity<Map<String, Object>> answer = frontendToken("openid", password());
		assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(answer.getBody()).containsEntry("detail", "scope must be 'streams' or 'transcribe'")
			.doesNotContainKey("token");
		assertThat(http.get()
			.uri("/corti/frontend-token")
			.headers((headers) -> headers.setBasicAuth("sample", password()))
			.retrieve()
			.toBodilessEntity()
			.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
	}

	@Test
	void tourAsksForAFrontendTokenWithoutShowingIt() {
		assertThat(tourOutput).contains("  without credentials -> 401 Unauthorized")
			.contains("  as user 'sample'    -> 200 OK: scope streams, expires at ")
			.contains("  curl -u 'sample:<password it prints>' "
					+ "'http://127.0.0.1:8080/corti/frontend-token?scope=streams'")
			.doesNotContain(password());
		assertThat(standIn.issuedTokens()).isNotEmpty()
			.allSatisfy((token) -> assertThat(tourOutput).doesNotContain(token));
		assertThat(tourOutput).doesNotContain(standIn.clientSecret(),
				context.getEnvironment().getRequiredProperty("corti.clients.us.client-secret"));
	}

	@Test
	void againstCortiWithoutTheNamedClientTheTourCallsOnceThroughEachClientAndServingPrintsACurlLine(
			CapturedOutput output) {
		int start = output.length();
		try (CortiStandIn corti = CortiStandIn.start();
				ConfigurableApplicationContext sample = runAgainst(corti, "sample.serve=true")) {
			assertThat(output.toString().substring(start)).contains("Summary: 3 calls, 0 failed")
				.contains("call  3 via HTTP interface -> GET /interactions/?pageSize=1: OK")
				.doesNotContain("Stand-in saw")
				.contains("Named client corti.clients.us: not configured. Set [CORTI_US_TENANT_NAME, "
						+ "CORTI_US_CLIENT_ID, CORTI_US_CLIENT_SECRET]")
				.contains("  as user 'sample'    -> 200 OK: scope streams");
			String origin = "http://127.0.0.1:" + sample.getEnvironment().getProperty("local.server.port");
			String password = sample.getBean(SecurityProperties.class).getUser().getPassword();
			assertThat(output).contains("Serving on " + origin + " until Ctrl-C; try it:")
				.contains("  curl -u 'sample:" + password + "' '" + origin + "/corti/frontend-token?scope=streams'");
			assertThat(sample.getBeansOfType(CortiClients.class)).isEmpty();
			assertThat(sample.getBeansOfType(LocalCorti.class)).isEmpty();
		}
	}

	@Test
	void aheadOfTimeRunsGetTheStandInAsPropertiesAndSingletons(CapturedOutput output) {
		int start = output.length();
		try (ConfigurableApplicationContext sample = SpringApplication.withHook(new StandInRunListener(),
				() -> new SpringApplication(SampleApplication.class).run(FAST))) {
			assertTourHealedBothClients(output.toString().substring(start));
			CortiStandIn corti = sample.getBean(CortiStandIn.class);
			assertThat(corti).isNotSameAs(standIn);
			assertThat(sample.getEnvironment().getProperty("corti.token-uri")).isEqualTo(corti.tokenUri());
			assertThat(sample.getEnvironment().getProperty("corti.clients.us.base-url")).isEqualTo(corti.baseUrl());
			assertThat(sample.getBean(CortiClients.class).names()).containsExactly("us");
			sample.close();
			assertClosed(corti);
		}
	}

	@Test
	void usProfileConfiguresTheNamedClientFromTheCortiUsVariables(CapturedOutput output) {
		try (CortiStandIn corti = CortiStandIn.start().addTenant("us-east", "us-client", "us-secret");
				ConfigurableApplicationContext sample = runAgainst(corti,
						"spring.profiles.active=" + SampleApplication.US_PROFILE, "CORTI_US_TENANT_NAME=us-east",
						"CORTI_US_CLIENT_ID=us-client", "CORTI_US_CLIENT_SECRET=us-secret",
						// In place of environment us, whose hosts are the real Corti's.
						"corti.clients.us.token-uri=" + corti.tokenUri("us-east"),
						"corti.clients.us.base-url=" + corti.baseUrl())) {
			assertThat(output).contains("<- Tenant-Name: us-east (top-level client: base)");
			assertThat(corti.apiRequests())
				.anySatisfy((request) -> assertThat(request.header("Tenant-Name")).isEqualTo("us-east"));
			assertThat(sample.getBean(CortiClients.class).names()).containsExactly("us");
		}
	}

	@Test
	void frontendTokenAnswers503WhileCortiCannotIssueOne() {
		try (CortiStandIn corti = CortiStandIn.start(); ConfigurableApplicationContext sample = runAgainst(corti)) {
			corti.failNextTokenRequests(3, 503);
			ResponseEntity<Map<String, Object>> answer = RestClient.create()
				.get()
				.uri("http://127.0.0.1:{port}/corti/frontend-token?scope=transcribe",
						sample.getEnvironment().getProperty("local.server.port"))
				.headers((headers) -> headers.setBasicAuth("sample",
						sample.getBean(SecurityProperties.class).getUser().getPassword()))
				.retrieve()
				.onStatus((status) -> true, (request, response) -> {
				})
				.toEntity(JSON);
			assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
			assertThat(answer.getBody()).containsEntry("detail", "No Corti token could be obtained");
		}
	}

	/**
	 * Runs one more sample, quickly, as it calls Corti: the top-level client on
	 * {@code corti} through the {@code corti.*} properties, and these properties.
	 */
	private static ConfigurableApplicationContext runAgainst(CortiStandIn corti, String... properties) {
		SpringApplication application = new SpringApplication(SampleApplication.class);
		String[] args = Stream.of(new String[] { "sample.pause=0ms" }, corti.propertyValues(), properties)
			.flatMap(Stream::of)
			.map((property) -> "--" + property)
			.toArray(String[]::new);
		return application.run(args);
	}

	private static void assertClosed(CortiStandIn corti) {
		assertThatExceptionOfType(ConnectException.class).as("the stand-in is closed with the context")
			.isThrownBy(() -> new Socket("127.0.0.1", corti.port()).close());
	}

	private static void assertTourHealedBothClients(String output) {
		assertThat(output).contains("Summary: 15 calls, 0 failed")
			.contains(
					"call  8 via WebClient      -> GET /interactions/?pageSize=1: OK [interactions]  <- API said 401: "
							+ "token dropped, a new one fetched, call retried once")
			.contains(
					"call 13 via RestClient     -> GET /interactions/?pageSize=1: OK [interactions]  <- API said 401: "
							+ "token dropped, a new one fetched, call retried once")
			.contains("call 15 via HTTP interface -> GET /interactions/?pageSize=1: OK")
			.contains("call via corti-us          -> GET /interactions/?pageSize=1: OK [interactions]  <- "
					+ "Tenant-Name: us-clinics (top-level client: base)");
	}

	private static ResponseEntity<Map<String, Object>> frontendToken(String scope, @Nullable String password) {
		return http.get().uri("/corti/frontend-token?scope={scope}", scope).headers((headers) -> {
			if (password != null) {
				headers.setBasicAuth("sample", password);
			}
		}).retrieve().toEntity(JSON);
	}

	private static String password() {
		return context.getBean(SecurityProperties.class).getUser().getPassword();
	}

	private static Map<?, ?> claims(String jwt) {
		byte[] payload = Base64.getUrlDecoder().decode(jwt.split("\\.")[1]);
		return new ObjectMapper().readValue(new String(payload, StandardCharsets.UTF_8), Map.class);
	}

	private static <T> T last(List<T> items) {
		return items.get(items.size() - 1);
	}

}
