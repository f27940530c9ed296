package ai.corti.sample;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import ai.corti.spring.auth.CortiTokenService;
import ai.corti.spring.auth.autoconfigure.CortiClients;
import ai.corti.spring.auth.standin.CortiStandIn;
import ai.corti.spring.auth.standin.RecordedRequest;
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

/**
 * Runs the sample against the stand-in as the README run does, only faster (2 s tokens,
 * 250 ms between calls), once for the whole class: the tours at startup, then the
 * front-end token endpoint and the named client over real loopback HTTP. Two more short
 * runs show the sample without the named client and with the {@code corti-us} profile.
 */
@ExtendWith(OutputCaptureExtension.class)
class SampleApplicationTests {

	private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
	};

	private static CortiStandIn standIn;

	private static ConfigurableApplicationContext context;

	private static String tourOutput;

	private static RestClient http;

	@BeforeAll
	static void runSample(CapturedOutput output) {
		standIn = LocalStandIn.start(Duration.ofSeconds(2));
		SpringApplication application = new SpringApplication(SampleApplication.class);
		LocalStandIn.register(application, standIn);
		context = application.run(LocalStandIn.arguments(standIn, new String[] { "--sample.pause=250ms" }));
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
		standIn.close();
	}

	@Test
	void tourCallsThroughBothClientsAcrossRenewalsAndA401WithoutFailures() {
		assertThat(tourOutput).contains("Summary: 15 calls, 0 failed")
			.contains("call  1 via RestClient")
			.contains("call  2 via WebClient     ")
			.contains("API said 401: token dropped, a new one fetched, call retried once")
			.contains("token was renewed in the background")
			.contains("call 15 via HTTP interface -> GET /interactions/?pageSize=1: OK");
		assertThat(standIn.tokenRequestCount()).isGreaterThanOrEqualTo(3);
		assertThat(standIn.apiRequests()).allSatisfy((call) -> {
			assertThat(call.header("Authorization")).startsWith("Bearer ");
			assertThat(call.header("Tenant-Name")).isIn(standIn.tenant(), LocalStandIn.US_TENANT);
		});
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
		assertThat(call.header("Tenant-Name")).isEqualTo(LocalStandIn.US_TENANT);
		String token = call.header("Authorization").substring("Bearer ".length());
		assertThat(claims(token).get("iss")).isEqualTo(standIn.origin() + "/realms/" + LocalStandIn.US_TENANT);
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
		assertThat(tourOutput).doesNotContain(standIn.clientSecret(), LocalStandIn.US_CLIENT_SECRET);
	}

	@Test
	void withoutTheNamedClientTheTopLevelClientWorksAsBeforeAndServingPrintsACurlLine(CapturedOutput output) {
		try (CortiStandIn topLevelOnly = CortiStandIn.start();
				ConfigurableApplicationContext sample = runAgainst(topLevelOnly, "sample.serve=true")) {
			assertThat(output).contains("Summary: 15 calls, 0 failed")
				.contains("Named client corti.clients.us: not configured. Set [CORTI_US_TENANT_NAME, "
						+ "CORTI_US_CLIENT_ID, CORTI_US_CLIENT_SECRET]")
				.contains("  as user 'sample'    -> 200 OK: scope streams");
			String origin = "http://127.0.0.1:" + sample.getEnvironment().getProperty("local.server.port");
			String password = sample.getBean(SecurityProperties.class).getUser().getPassword();
			assertThat(output).contains("Serving on " + origin + " until Ctrl-C; try it:")
				.contains("  curl -u 'sample:" + password + "' '" + origin + "/corti/frontend-token?scope=streams'");
			assertThat(sample.getBeansOfType(CortiClients.class)).isEmpty();
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
	 * Runs one more sample, quickly, with the top-level client on {@code corti} and these
	 * properties.
	 */
	private static ConfigurableApplicationContext runAgainst(CortiStandIn corti, String... properties) {
		SpringApplication application = new SpringApplication(SampleApplication.class);
		LocalStandIn.register(application, corti);
		String[] args = Stream.of(new String[] { "sample.pause=0ms" }, corti.propertyValues(), properties)
			.flatMap(Stream::of)
			.map((property) -> "--" + property)
			.toArray(String[]::new);
		return application.run(args);
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
