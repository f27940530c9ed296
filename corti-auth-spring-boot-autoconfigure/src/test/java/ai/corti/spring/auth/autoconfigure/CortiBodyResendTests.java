package ai.corti.spring.auth.autoconfigure;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import ai.corti.spring.auth.test.CortiStandIn;
import ai.corti.spring.auth.test.CortiStandInExtension;
import ai.corti.spring.auth.test.RecordedRequest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.context.ApplicationContext;
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
 * What happens to each kind of request body when the API answers {@code 401}: the rejected token is always dropped;
 * the request is sent once more with a new token when its body can be sent again, and the resent body is the same
 * bytes with the same content type.
 */
class CortiBodyResendTests {

	@RegisterExtension
	static CortiStandInExtension corti = new CortiStandInExtension();

	@TempDir
	static Path files;

	private static Path upload;

	private static final String UPLOAD_TEXT = "audio-bytes-stand-in";

	@BeforeAll
	static void writeUpload() throws IOException {
		upload = Files.writeString(files.resolve("upload.txt"), UPLOAD_TEXT);
	}

	/** Bodies a WebClient call can carry, and whether they can be sent again after a 401. */
	enum WebClientBody {

		JSON_VALUE(true, (spec) -> spec.contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("note", "json"))),

		FORM(true, (spec) -> spec.body(BodyInserters.fromFormData("note", "form").with("other", "value"))),

		MULTIPART_BYTES(true, (spec) -> spec.body(BodyInserters.fromMultipartData(multipart(UPLOAD_TEXT.getBytes(StandardCharsets.UTF_8))))),

		MULTIPART_FILE(true, (spec) -> spec.body(BodyInserters.fromMultipartData(multipart(new FileSystemResource(upload))))),

		BYTE_ARRAY_RESOURCE(true, (spec) -> spec.contentType(MediaType.APPLICATION_OCTET_STREAM)
			.bodyValue(new ByteArrayResource(UPLOAD_TEXT.getBytes(StandardCharsets.UTF_8)))),

		FILE_RESOURCE(true, (spec) -> spec.contentType(MediaType.APPLICATION_OCTET_STREAM)
			.bodyValue(new FileSystemResource(upload))),

		INPUT_STREAM_RESOURCE(true, (spec) -> spec.contentType(MediaType.APPLICATION_OCTET_STREAM)
			.bodyValue(new InputStreamResource(new ByteArrayInputStream(UPLOAD_TEXT.getBytes(StandardCharsets.UTF_8))))),

		FLUX(true, (spec) -> spec.contentType(MediaType.APPLICATION_JSON)
			.body(Flux.just("{\"note\":", "\"flux\"}"), String.class)),

		NDJSON_STREAM(false, (spec) -> spec.contentType(MediaType.APPLICATION_NDJSON)
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

	/** Bodies a RestClient call can carry: Spring buffers them all before interceptors run, so all are resent. */
	enum RestClientBody {

		JSON_VALUE((spec) -> spec.contentType(MediaType.APPLICATION_JSON).body(Map.of("note", "json"))),

		BYTES((spec) -> spec.contentType(MediaType.APPLICATION_OCTET_STREAM)
			.body(UPLOAD_TEXT.getBytes(StandardCharsets.UTF_8))),

		FORM((spec) -> spec.contentType(MediaType.APPLICATION_FORM_URLENCODED).body(form())),

		MULTIPART_BYTES((spec) -> spec.contentType(MediaType.MULTIPART_FORM_DATA)
			.body(multipart(UPLOAD_TEXT.getBytes(StandardCharsets.UTF_8)))),

		MULTIPART_FILE((spec) -> spec.contentType(MediaType.MULTIPART_FORM_DATA)
			.body(multipart(new FileSystemResource(upload)))),

		FILE_RESOURCE((spec) -> spec.contentType(MediaType.APPLICATION_OCTET_STREAM)
			.body(new FileSystemResource(upload))),

		INPUT_STREAM_RESOURCE((spec) -> spec.contentType(MediaType.APPLICATION_OCTET_STREAM)
			.body(new InputStreamResource(new ByteArrayInputStream(UPLOAD_TEXT.getBytes(StandardCharsets.UTF_8))))),

		STREAMING_BODY((spec) -> spec.contentType(MediaType.APPLICATION_OCTET_STREAM)
			.body((output) -> output.write(UPLOAD_TEXT.getBytes(StandardCharsets.UTF_8))));

		final Function<RestClient.RequestBodySpec, RestClient.RequestBodySpec> body;

		RestClientBody(Function<RestClient.RequestBodySpec, RestClient.RequestBodySpec> body) {
			this.body = body;
		}

	}

	static Stream<Arguments> webClientBodies() {
		return Stream.of("reactor", "jdk")
			.flatMap((connector) -> Stream.of(WebClientBody.values()).map((kind) -> Arguments.of(connector, kind)));
	}

	static Stream<Arguments> restClientBodies() {
		return Stream.of("reactor", "jdk", "simple")
			.flatMap((factory) -> Stream.of(RestClientBody.values()).map((kind) -> Arguments.of(factory, kind)));
	}

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("webClientBodies")
	void webClientDropsTheRejectedTokenAndResendsWhatItCan(String connector, WebClientBody kind,
			CortiStandIn standIn) {
		StandInContextRunner.of(standIn).withPropertyValues("spring.http.clients.reactive.connector=" + connector)
			.run((context) -> {
			String first = warmUp(context, standIn);
			standIn.revoke(first);
			int status = kind.body.apply(webClient(context).post().uri("/uploads/"))
				.exchangeToMono((response) -> response.releaseBody().thenReturn(response.statusCode().value()))
				.block();
			List<RecordedRequest> posts = posts(standIn);
			if (kind.resent) {
				assertThat(status).isEqualTo(200);
				assertResentIdentically(posts, first);
			}
			else {
				assertThat(status).isEqualTo(401);
				assertThat(posts).hasSize(1);
			}
			assertNextCallCarriesANewToken(context, standIn, first);
		});
	}

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("restClientBodies")
	void restClientDropsTheRejectedTokenAndResendsEveryBody(String factory, RestClientBody kind,
			CortiStandIn standIn) {
		StandInContextRunner.of(standIn).withPropertyValues("spring.http.clients.imperative.factory=" + factory)
			.run((context) -> {
			String first = warmUp(context, standIn);
			standIn.revoke(first);
			int status = kind.body.apply(restClient(context).post().uri("/uploads/"))
				.retrieve()
				.toBodilessEntity()
				.getStatusCode()
				.value();
			assertThat(status).isEqualTo(200);
			assertResentIdentically(posts(standIn), first);
			assertNextCallCarriesANewToken(context, standIn, first);
		});
	}

	private static String warmUp(ApplicationContext context, CortiStandIn standIn) {
		standIn.respond("POST", "/v2/uploads/", 200, "{}");
		restClient(context).get().uri("/interactions/").retrieve().toBodilessEntity();
		return standIn.issuedTokens().get(standIn.issuedTokens().size() - 1);
	}

	private static void assertResentIdentically(List<RecordedRequest> posts, String rejected) {
		assertThat(posts).hasSize(2);
		assertThat(posts.get(0).header("Authorization")).isEqualTo("Bearer " + rejected);
		assertThat(posts.get(1).header("Authorization")).startsWith("Bearer ").isNotEqualTo("Bearer " + rejected);
		assertThat(posts.get(1).body()).isNotEmpty().isEqualTo(posts.get(0).body());
		assertThat(posts.get(1).header("Content-Type")).isEqualTo(posts.get(0).header("Content-Type"));
	}

	/** The token was dropped on the 401: the next call fetches a new one and is accepted at once. */
	private static void assertNextCallCarriesANewToken(ApplicationContext context, CortiStandIn standIn,
			String rejected) {
		int before = standIn.apiRequests().size();
		int status = webClient(context).get()
			.uri("/interactions/")
			.exchangeToMono((response) -> response.releaseBody().thenReturn(response.statusCode().value()))
			.block();
		assertThat(status).isEqualTo(200);
		List<RecordedRequest> after = standIn.apiRequests();
		assertThat(after).hasSize(before + 1);
		assertThat(after.get(after.size() - 1).header("Authorization")).isNotEqualTo("Bearer " + rejected);
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

	private static RestClient restClient(ApplicationContext context) {
		return context.getBean("cortiRestClient", RestClient.class);
	}

	private static WebClient webClient(ApplicationContext context) {
		return context.getBean("cortiWebClient", WebClient.class);
	}

}
