package ai.corti.spring.auth.standin;

import java.util.Map;

import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerResponse;

/**
 * Corti's real-time endpoints under {@code /audio-bridge/v2} ({@code /transcribe} and
 * {@code /interactions/{id}/streams}): the token travels in the query string as
 * {@code token=Bearer%20<token>}, with {@code tenant-name}. A valid connection gets one
 * text message, {@code {"type":"CONNECTED","path":…}}.
 */
final class StandInWebSockets {

	/** Every WebSocket endpoint path starts with this. */
	static final String PATH_PREFIX = "/audio-bridge/";

	private final IssuedTokens tokens;

	/**
	 * Creates the WebSocket endpoints of a stand-in.
	 * @param tokens the issued tokens, which tell whether a token is accepted
	 */
	StandInWebSockets(IssuedTokens tokens) {
		this.tokens = tokens;
	}

	/**
	 * Answers a WebSocket upgrade request: {@code 404} for an unknown path, {@code 401}
	 * for a token not accepted, {@code 403} for another tenant, else the session.
	 * @param request the upgrade request
	 * @param path its path, without the query
	 * @param response the response to answer it on
	 * @return completes when the answer, or the WebSocket session, is done
	 */
	Mono<Void> answer(RecordedRequest request, String path, HttpServerResponse response) {
		if (!path.equals("/audio-bridge/v2/transcribe")
				&& !path.matches("/audio-bridge/v2/interactions/[^/]+/streams")) {
			return StandInAnswer.notFound().send(response);
		}
		int queryStart = request.path().indexOf('?');
		Map<String, String> query = StandInRecorder
			.formFields((queryStart < 0) ? "" : request.path().substring(queryStart + 1));
		String token = query.getOrDefault("token", "");
		String tenant = this.tokens.acceptedTenant(token.startsWith("Bearer ") ? token.substring(7) : null);
		if (tenant == null) {
			return StandInAnswer.empty(401).send(response);
		}
		if (!tenant.equals(query.get("tenant-name"))) {
			return StandInAnswer.json(403, "{\"title\":\"Forbidden\"}").send(response);
		}
		String greeting = "{\"type\":\"CONNECTED\",\"path\":\"" + path + "\"}";
		return response.sendWebsocket((in, out) -> out.sendString(Mono.just(greeting)).then());
	}

}
