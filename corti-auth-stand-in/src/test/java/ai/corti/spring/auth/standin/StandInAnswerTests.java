package ai.corti.spring.auth.standin;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * How an answer goes over the wire, on a bare loopback server that sends only it.
 */
class StandInAnswerTests {

	private final HttpClient http = HttpClient.newHttpClient();

	private volatile StandInAnswer answer = StandInAnswer.empty(204);

	private DisposableServer server;

	@BeforeEach
	void startServer() {
		this.server = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.handle((request, response) -> request.receive().then(Mono.defer(() -> this.answer.send(response))))
			.bindNow();
	}

	@AfterEach
	void stopServer() {
		this.server.disposeNow();
	}

	@Test
	void sendsItsStatusContentTypeHeadersAndBody() throws Exception {
		this.answer = new StandInAnswer(418, "text/plain", "teapot", Map.of("X-Kind", "pot"));
		HttpResponse<String> sent = post();
		assertThat(sent.statusCode()).isEqualTo(418);
		assertThat(sent.headers().firstValue("Content-Type")).hasValue("text/plain");
		assertThat(sent.headers().firstValue("X-Kind")).hasValue("pot");
		assertThat(sent.body()).isEqualTo("teapot");
	}

	@Test
	void anEmpty401CarriesTheInvalidTokenChallengeAndA401WithABodyDoesNot() throws Exception {
		this.answer = StandInAnswer.empty(401);
		assertThat(post().headers().firstValue("WWW-Authenticate")).hasValue("Bearer error=\"invalid_token\"");
		this.answer = StandInAnswer.json(401, "{\"error\":\"invalid_token\"}");
		assertThat(post().headers().firstValue("WWW-Authenticate")).isEmpty();
	}

	@Test
	void statusZeroClosesTheConnectionWithoutAnAnswer() {
		this.answer = StandInAnswer.empty(0);
		assertThatExceptionOfType(IOException.class).isThrownBy(this::post);
	}

	@Test
	void keycloakErrorsAreJsonWithErrorAndDescription() throws Exception {
		this.answer = StandInAnswer.keycloakError(401, "invalid_client", "Invalid client");
		HttpResponse<String> sent = post();
		assertThat(sent.headers().firstValue("Content-Type")).hasValue("application/json");
		assertThat(sent.body()).isEqualTo("{\"error\":\"invalid_client\",\"error_description\":\"Invalid client\"}");
	}

	@Test
	void redirectsCarryOnlyTheirLocation() throws Exception {
		this.answer = StandInAnswer.redirect(302, "http://elsewhere.example/");
		HttpResponse<String> sent = post();
		assertThat(sent.statusCode()).isEqualTo(302);
		assertThat(sent.headers().firstValue("Location")).hasValue("http://elsewhere.example/");
		assertThat(sent.headers().firstValue("Content-Type")).isEmpty();
		assertThat(sent.body()).isEmpty();
	}

	// A POST: the JDK client resends a GET once by itself when the connection closes.
	private HttpResponse<String> post() throws IOException, InterruptedException {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.server.port() + "/"))
			.POST(HttpRequest.BodyPublishers.ofString("{}"))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

}
