package ai.corti.spring.auth.httpclients;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.IntSupplier;

import ai.corti.spring.auth.standin.CortiStandIn;
import ai.corti.spring.auth.standin.CortiStandInExtension;
import ai.corti.spring.auth.standin.RecordedRequest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import reactor.core.publisher.Flux;

import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every kind of request body on every HTTP client Boot can put under the Corti clients,
 * when the API answers {@code 401} to a revoked token: the token is dropped, and the
 * request is sent once more with a new token when its body can be sent again, as the same
 * bytes with the same content type. One context per client, every body inside.
 */
class BodyResendTests {

	private static final String UPLOAD_TEXT = "audio-bytes-stand-in";

	@RegisterExtension
	static CortiStandInExtension corti = new CortiStandInExtension();

	@TempDir
	static Path files;

	private static Path upload;

	@BeforeAll
	static void writeUpload() throws IOException {
		upload = Files.writeString(files.resolve("upload.txt"), UPLOAD_TEXT);
	}

	/**
	 * Bodies a WebClient call can carry, and whether they can be sent again after a 401.
	 */
	enum WebClientBody {

		JSON_VALUE(true, (spec) -> spec.contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("note", "json"))),

		FORM(true, (spec) -> spec.body(BodyInserters.fromFormData("note", "form").with("other", "value"))),

		MULTIPART_BYTES(true,
				(spec) -> spec
					.body(BodyInserters.fromMultipartData(multipart(UPLOAD_TEXT.getBytes(StandardCharsets.UTF_8))))),

		MULTIPART_FILE(true,
				(spec) -> spec.body(BodyInserters.fromMultipartData(multipart(new FileSystemResource(upload))))),

		BYTE_ARRAY_RESOURCE(true,
				(spec) -> spec.contentType(MediaType.APPLICATION_OCTET_STREAM)
					.bodyValue(new ByteArrayResource(UPLOAD_TEXT.getBytes(StandardCharsets.UTF_8)))),

		FILE_RESOURCE(true,
				(spec) -> spec.contentType(MediaType.APPLICATION_OCTET_STREAM)
					.bodyValue(new FileSystemResource(upload))),

		INPUT_STREAM_RESOURCE(true,
				(spec) -> spec.contentType(MediaType.APPLICATION_OCTET_STREAM)
					.bodyValue(new InputStreamResource(
							new ByteArrayInputStream(UPLOAD_TEXT.getBytes(StandardCharsets.UTF_8))))),

		FLUX(true,
				(spec) -> spec.contentType(MediaType.APPLICATION_JSON)
					.body(Flux.just("{\"note\":", "\"flux\"}"), String.class)),

		// Written with a flush per element: a stream, so it is never held back for a
		// resend.
		NDJSON_STREAM(false,
				(spec) -> spec.contentType(MediaType.APPLICATION_NDJSON)
					.body(Flux.just(Map.of("n", 1), Map.of("n", 2)), Map.class)),

		LARGER_THAN_ONE_MEBIBYTE(false, (spec) -> spec.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"note\":\"" + "x".repeat(1100 * 1024) + "\"}"));

		final boolean resent;

		final Function<WebClient.RequestBodySpec, WebClient.RequestHeadersSpec<?>> body;

		WebClientBody(boolean resent, Function<WebClient.RequestBodySpec, WebClient.RequestHeadersSpec<?>> body) {
			this.resent = resent;
			this.body = body;
		}

	}

	/**
	 * Bodies a RestClient call can carry: Spring buffers them all before interceptors
	 * run, so all are resent.
	 */
	enum RestClientBody {

		JSON_VALUE((spec) -> spec.contentType(MediaType.APPLICATION_JSON).body(Map.of("note", "json"))),

		BYTES((spec) -> spec.contentType(MediaType.APPLICATION_OCTET_STREAM)
			.body(UPLOAD_TEXT.getBytes(StandardCharsets.UTF_8))),

		FORM((spec) -> spec.contentType(MediaType.APPLICATION_FORM_URLENCODED).body(form())),

		MULTIPART_BYTES((spec) -> spec.contentType(MediaType.MULTIPART_FORM_DATA)
			.body(multipart(UPLOAD_TEXT.getBytes(StandardCharsets.UTF_8)))),

		MULTIPART_FILE((spec) -> spec.contentType(MediaType.MULTIPART_FORM_DATA)
			.body(multipart(new FileSystemResource(upload)))),

		FILE_RESOURCE(
				(spec) -> spec.contentType(MediaType.APPLICATION_OCTET_STREAM).body(new FileSystemResource(upload))),

		INPUT_STREAM_RESOURCE((spec) -> spec.contentType(MediaType.APPLICATION_OCTET_STREAM)
			.body(new InputStreamResource(new ByteArrayInputStream(UPLOAD_TEXT.getBytes(StandardCharsets.UTF_8))))),

		STREAMING_BODY((spec) -> spec.contentType(MediaType.APPLICATION_OCTET_STREAM)
			.body((output) -> output.write(UPLOAD_TEXT.getBytes(StandardCharsets.UTF_8))));

		final Function<RestClient.RequestBodySpec, RestClient.RequestBodySpec> body;

		RestClientBody(Function<RestClient.RequestBodySpec, RestClient.RequestBodySpec> body) {
			this.body = body;
		}

	}

	@ParameterizedTest
	@EnumSource
	void webClientDropsTheRejectedTokenAndResendsWhatItCan(ReactiveClient client, CortiStandIn standIn) {
		contextRunner(standIn).withPropertyValues(client.property()).run((context) -> {
			assertThat(context).getBean(ClientHttpConnectorBuilder.class).isInstanceOf(client.builderType());
			WebClient webClient = context.getBean("cortiWebClient", WebClient.class);
			IntSupplier get = () -> webClient.get()
				.uri("/interactions/")
				.exchangeToMono((response) -> response.releaseBody().thenReturn(response.statusCode().value()))
				.block();
			for (WebClientBody kind : WebClientBody.values()) {
				String rejected = revokeTheTokenInUse(standIn, get);
				Integer status = kind.body.apply(webClient.post().uri("/uploads/"))
					.exchangeToMono((response) -> response.releaseBody().thenReturn(response.statusCode().value()))
					.block();
				List<RecordedRequest> posts = posts(standIn);
				if (kind.resent) {
					assertThat(status).as("status of %s", kind).isEqualTo(200);
					assertResentIdentically(kind, posts, rejected);
				}
				else {
					assertThat(status).as("status of %s", kind).isEqualTo(401);
					assertThat(posts).as("requests of %s", kind).hasSize(1);
				}
				assertTheNextCallCarriesANewToken(kind, standIn, get, rejected);
			}
		});
	}

	@ParameterizedTest
	@EnumSource
	void restClientDropsTheRejectedTokenAndResendsEveryBody(ImperativeClient client, CortiStandIn standIn) {
		contextRunner(standIn).withPropertyValues(client.property()).run((context) -> {
			assertThat(context).getBean(ClientHttpRequestFactoryBuilder.class).isInstanceOf(client.builderType());
			RestClient restClient = context.getBean("cortiRestClient", RestClient.class);
			IntSupplier get = () -> restClient.get()
				.uri("/interactions/")
				.exchange((request, response) -> response.getStatusCode().value());
			for (RestClientBody kind : RestClientBody.values()) {
				String rejected = revokeTheTokenInUse(standIn, get);
				int status = kind.body.apply(restClient.post().uri("/uploads/"))
					.exchange((request, response) -> response.getStatusCode().value());
				assertThat(status).as("status of %s", kind).isEqualTo(200);
				assertResentIdentically(kind, posts(standIn), rejected);
				assertTheNextCallCarriesANewToken(kind, standIn, get, rejected);
			}
		});
	}

	/**
	 * Several 401s in one context: a rejected token is dropped at most once per failure
	 * backoff, so that backoff is made shorter than one body's round.
	 */
	private static ApplicationContextRunner contextRunner(CortiStandIn standIn) {
		return StandInContextRunner.of(standIn).withPropertyValues("corti.token.failure-backoff=1ms");
	}

	/**
	 * Makes a call to learn which token the client holds, and has the API reject that
	 * token from now on. The last request of the call tells: a client left holding a
	 * rejected token by a known defect renews it on the way.
	 */
	private static String revokeTheTokenInUse(CortiStandIn standIn, IntSupplier get) {
		standIn.reset().respond("POST", "/v2/uploads/", 200, "{}");
		assertThat(get.getAsInt()).isEqualTo(200);
		List<RecordedRequest> requests = standIn.apiRequests();
		String token = bearerToken(requests.get(requests.size() - 1));
		standIn.revoke(token);
		return token;
	}

	private static void assertResentIdentically(Enum<?> kind, List<RecordedRequest> posts, String rejected) {
		assertThat(posts).as("requests of %s", kind).hasSize(2);
		assertThat(bearerToken(posts.get(0))).as("first token of %s", kind).isEqualTo(rejected);
		assertThat(bearerToken(posts.get(1))).as("second token of %s", kind).isNotEqualTo(rejected);
		assertThat(posts.get(1).body()).as("resent body of %s", kind).isNotEmpty().isEqualTo(posts.get(0).body());
		assertThat(posts.get(1).header("Content-Type")).as("resent Content-Type of %s", kind)
			.isNotNull()
			.isEqualTo(posts.get(0).header("Content-Type"));
	}

	/**
	 * The token was dropped on the 401: the next call fetches a new one and is accepted
	 * at once.
	 */
	private static void assertTheNextCallCarriesANewToken(Enum<?> kind, CortiStandIn standIn, IntSupplier get,
			String rejected) {
		int before = standIn.apiRequests().size();
		assertThat(get.getAsInt()).as("status of the call after %s", kind).isEqualTo(200);
		List<RecordedRequest> after = standIn.apiRequests();
		assertThat(after).as("requests of the call after %s", kind).hasSize(before + 1);
		assertThat(bearerToken(after.get(before))).as("token of the call after %s", kind).isNotEqualTo(rejected);
	}

	private static String bearerToken(RecordedRequest request) {
		String authorization = request.header("Authorization");
		assertThat(authorization).startsWith("Bearer ");
		return authorization.substring("Bearer ".length());
	}

	private static List<RecordedRequest> posts(CortiStandIn standIn) {
		return standIn.apiRequests().stream().filter((request) -> request.method().equals("POST")).toList();
	}

	private static MultiValueMap<String, ?> multipart(Object file) {
		MultipartBodyBuilder parts = new MultipartBodyBuilder();
		parts.part("metadata", Map.of("note", "multipart"), MediaType.APPLICATION_JSON);
		parts.part("file", file, MediaType.TEXT_PLAIN).filename("upload.txt");
		return parts.build();
	}

	private static MultiValueMap<String, String> form() {
		MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
		form.add("note", "form");
		return form;
	}

}
