package ai.corti.spring.auth.standin;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import io.netty.handler.codec.http.HttpHeaderNames;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerResponse;
import tools.jackson.databind.ObjectMapper;

/**
 * One HTTP answer of the stand-in, scripted or not. A status of {@code 0} closes the
 * connection without answering; a {@code 401} without a body carries Corti's
 * {@code WWW-Authenticate} challenge.
 *
 * @param status the HTTP status, or {@code 0} to close the connection
 * @param contentType the value of the {@code Content-Type} header, or {@code null} for
 * none
 * @param body the body, empty for none
 * @param headers further headers, by name
 */
record StandInAnswer(int status, @Nullable String contentType, String body, Map<String, String> headers) {

	private static final ObjectMapper json = new ObjectMapper();

	StandInAnswer(int status, @Nullable String contentType, String body) {
		this(status, contentType, body, Map.of());
	}

	static StandInAnswer empty(int status) {
		return new StandInAnswer(status, null, "");
	}

	static StandInAnswer json(int status, String body) {
		return new StandInAnswer(status, "application/json", body);
	}

	static StandInAnswer jsonOf(int status, Object body) {
		return json(status, json.writeValueAsString(body));
	}

	static StandInAnswer notFound() {
		return json(404, "{\"title\":\"Not Found\"}");
	}

	static StandInAnswer redirect(int status, String location) {
		return new StandInAnswer(status, null, "", Map.of("Location", location));
	}

	/**
	 * A Keycloak-shaped OAuth error, {@code {"error":…,"error_description":…}}.
	 * @param status the HTTP status
	 * @param error the OAuth error code, such as {@code invalid_client}
	 * @param description the {@code error_description}
	 * @return the error answer
	 */
	static StandInAnswer keycloakError(int status, String error, String description) {
		Map<String, String> body = new LinkedHashMap<>();
		body.put("error", error);
		body.put("error_description", description);
		return jsonOf(status, body);
	}

	/**
	 * Sends this answer, or closes the connection for status {@code 0}.
	 * @param response the response to answer on
	 * @return completes when the answer is sent
	 */
	Mono<Void> send(HttpServerResponse response) {
		if (this.status == 0) {
			response.withConnection((connection) -> connection.channel().close());
			return Mono.empty();
		}
		response.status(this.status);
		this.headers.forEach(response::header);
		if (this.status == 401 && this.body.isEmpty()) {
			response.header(HttpHeaderNames.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
		}
		if (this.contentType != null) {
			response.header(HttpHeaderNames.CONTENT_TYPE, this.contentType);
		}
		return response.sendString(Mono.just(this.body), StandardCharsets.UTF_8).then();
	}

}
