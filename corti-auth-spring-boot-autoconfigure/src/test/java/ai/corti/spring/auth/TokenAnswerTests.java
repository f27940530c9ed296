package ai.corti.spring.auth;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.client.MockClientHttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link TokenAnswer}: the token endpoint's answer, read in full up to a limit, and what
 * can be said about it without showing its content.
 */
class TokenAnswerTests {

	private static TokenAnswer answer(int status, String name, String value) {
		HttpHeaders headers = new HttpHeaders();
		headers.set(name, value);
		return new TokenAnswer(status, headers, new byte[0]);
	}

	private static TokenAnswer withContentType(String contentType) {
		return answer(200, HttpHeaders.CONTENT_TYPE, contentType);
	}

	private static TokenAnswer withLocation(String location) {
		return answer(302, HttpHeaders.LOCATION, location);
	}

	@Test
	void readKeepsStatusHeadersAndBody() throws IOException {
		MockClientHttpResponse response = new MockClientHttpResponse(
				"{\"access_token\":\"x\"}".getBytes(StandardCharsets.UTF_8), HttpStatus.OK);
		response.getHeaders().set(HttpHeaders.CONTENT_TYPE, "application/json");
		TokenAnswer answer = TokenAnswer.read(response);
		assertThat(answer.status).isEqualTo(200);
		assertThat(answer.headers.getFirst(HttpHeaders.CONTENT_TYPE)).isEqualTo("application/json");
		assertThat(answer.body).asString(StandardCharsets.UTF_8).isEqualTo("{\"access_token\":\"x\"}");
	}

	@Test
	void readCopiesTheHeaders() throws IOException {
		MockClientHttpResponse response = new MockClientHttpResponse(new byte[0], HttpStatus.BAD_REQUEST);
		response.getHeaders().set("X-Trace", "1");
		TokenAnswer answer = TokenAnswer.read(response);
		response.getHeaders().set("X-Trace", "2");
		assertThat(answer.headers.getFirst("X-Trace")).isEqualTo("1");
		assertThat(answer.status).isEqualTo(400);
	}

	@Test
	void readStopsAtTheSizeLimitAndClosesTheBody() throws IOException {
		byte[] large = new byte[TokenAnswer.MAX_BODY_BYTES + 1000];
		Arrays.fill(large, (byte) 'a');
		large[TokenAnswer.MAX_BODY_BYTES - 1] = 'z';
		ClosingStream body = new ClosingStream(large);
		TokenAnswer answer = TokenAnswer.read(new MockClientHttpResponse(body, HttpStatus.OK));
		assertThat(answer.body).hasSize(TokenAnswer.MAX_BODY_BYTES);
		assertThat(answer.body[TokenAnswer.MAX_BODY_BYTES - 1]).isEqualTo((byte) 'z');
		assertThat(body.closed).isTrue();
	}

	@Test
	void aBodyAtTheLimitIsReadWhole() throws IOException {
		byte[] exact = new byte[TokenAnswer.MAX_BODY_BYTES];
		Arrays.fill(exact, (byte) 'b');
		assertThat(TokenAnswer.read(new MockClientHttpResponse(exact, HttpStatus.OK)).body).isEqualTo(exact);
	}

	@Test
	void successIsA2xxStatus() {
		assertThat(new TokenAnswer(199, new HttpHeaders(), new byte[0]).isSuccess()).isFalse();
		assertThat(new TokenAnswer(200, new HttpHeaders(), new byte[0]).isSuccess()).isTrue();
		assertThat(new TokenAnswer(299, new HttpHeaders(), new byte[0]).isSuccess()).isTrue();
		assertThat(new TokenAnswer(300, new HttpHeaders(), new byte[0]).isSuccess()).isFalse();
		assertThat(new TokenAnswer(401, new HttpHeaders(), new byte[0]).isSuccess()).isFalse();
	}

	@ParameterizedTest
	@ValueSource(strings = { "application/json", "application/json;charset=UTF-8", "APPLICATION/JSON",
			"application/problem+json", "application/vnd.corti.token+json; charset=utf-8" })
	void jsonAndJsonSuffixTypesAreJson(String contentType) {
		assertThat(withContentType(contentType).isJson()).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "text/html", "text/plain", "application/x-www-form-urlencoded", "application/jsonp",
			"not a type", "application/" })
	void otherOrUnreadableTypesAreNotJson(String contentType) {
		assertThat(withContentType(contentType).isJson()).isFalse();
	}

	@Test
	void withoutContentTypeItIsNotJson() {
		assertThat(new TokenAnswer(200, new HttpHeaders(), new byte[0]).isJson()).isFalse();
	}

	@Test
	void describeNamesTheTypeWithoutParameters() {
		assertThat(withContentType("text/html; charset=ISO-8859-1").describe()).isEqualTo("Content-Type text/html");
		assertThat(withContentType("application/json").describe()).isEqualTo("Content-Type application/json");
	}

	@Test
	void describeSaysWhenTheTypeIsUnreadableOrMissing() {
		assertThat(withContentType("not a type").describe()).isEqualTo("an unreadable Content-Type");
		assertThat(new TokenAnswer(200, new HttpHeaders(), new byte[0]).describe()).isEqualTo("no Content-Type");
	}

	@Test
	void redirectOriginShowsSchemeHostAndPortOnly() {
		assertThat(withLocation("https://login.example.com/realms/base?client_secret=leaked#x").redirectOrigin())
			.isEqualTo("https://login.example.com");
		assertThat(withLocation("http://proxy.example.com:8080/login?next=/token").redirectOrigin())
			.isEqualTo("http://proxy.example.com:8080");
	}

	@Test
	void redirectOriginOfARelativeOrMissingLocation() {
		assertThat(withLocation("/login?user=me").redirectOrigin()).isEqualTo("a relative location");
		assertThat(new TokenAnswer(302, new HttpHeaders(), new byte[0]).redirectOrigin()).isEqualTo("no location");
	}

	@Test
	void redirectOriginOfAnUnreadableLocation() {
		assertThat(withLocation("https://login example/?secret=x").redirectOrigin())
			.isEqualTo("an unreadable location");
	}

	@Test
	void asMessageRepeatsHeadersAndBody() throws IOException {
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.CONTENT_TYPE, "application/json");
		TokenAnswer answer = new TokenAnswer(200, headers, "{}".getBytes(StandardCharsets.UTF_8));
		HttpInputMessage message = answer.asMessage();
		assertThat(message.getHeaders().getFirst(HttpHeaders.CONTENT_TYPE)).isEqualTo("application/json");
		assertThat(message.getBody()).hasContent("{}");
		assertThat(message.getBody()).hasContent("{}");
	}

	/** A body that records whether it was closed. */
	private static final class ClosingStream extends ByteArrayInputStream {

		private boolean closed;

		ClosingStream(byte[] bytes) {
			super(bytes);
		}

		@Override
		public void close() throws IOException {
			this.closed = true;
			super.close();
		}

	}

}
