package ai.corti.spring.auth.standin;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The real-time WebSocket endpoints over real loopback connections with the JDK client.
 */
class StandInWebSocketsTests {

	@RegisterExtension
	static CortiStandInExtension corti = new CortiStandInExtension();

	private LoopbackClient client;

	@BeforeEach
	void client(CortiStandIn standIn) {
		this.client = new LoopbackClient(standIn);
	}

	@Test
	void greetsAConnectionWithAnAcceptedTokenAndItsTenant(CortiStandIn standIn) throws Exception {
		String token = this.client.accessToken();
		for (String path : new String[] { "/audio-bridge/v2/transcribe",
				"/audio-bridge/v2/interactions/i-1/streams" }) {
			assertThat(firstMessage(standIn, path + "?tenant-name=base&token=" + bearer(token)))
				.isEqualTo("{\"type\":\"CONNECTED\",\"path\":\"" + path + "\"}");
		}
	}

	@Test
	void refusesUnknownPathsTokensNotAcceptedAndOtherTenants(CortiStandIn standIn) {
		String token = this.client.accessToken();
		String revoked = this.client.accessToken();
		standIn.revoke(revoked);
		assertThat(handshakeStatus(standIn, "/audio-bridge/v2/other?tenant-name=base&token=" + bearer(token)))
			.isEqualTo(404);
		assertThat(handshakeStatus(standIn, "/audio-bridge/v2/transcribe?tenant-name=base")).isEqualTo(401);
		assertThat(handshakeStatus(standIn, "/audio-bridge/v2/transcribe?tenant-name=base&token=" + token))
			.isEqualTo(401);
		assertThat(handshakeStatus(standIn, "/audio-bridge/v2/transcribe?tenant-name=base&token=" + bearer(revoked)))
			.isEqualTo(401);
		assertThat(handshakeStatus(standIn, "/audio-bridge/v2/transcribe?tenant-name=acme&token=" + bearer(token)))
			.isEqualTo(403);
		standIn.rejectEveryToken(true);
		assertThat(handshakeStatus(standIn, "/audio-bridge/v2/transcribe?tenant-name=base&token=" + bearer(token)))
			.isEqualTo(401);
	}

	@Test
	void recordsEveryAttemptAcceptedOrNotWithItsQuery(CortiStandIn standIn) throws Exception {
		String token = this.client.accessToken();
		firstMessage(standIn, "/audio-bridge/v2/transcribe?tenant-name=base&token=" + bearer(token));
		handshakeStatus(standIn, "/audio-bridge/v2/transcribe?tenant-name=base");
		assertThat(standIn.webSocketRequests()).extracting(RecordedRequest::path)
			.containsExactly("/audio-bridge/v2/transcribe?tenant-name=base&token=" + bearer(token),
					"/audio-bridge/v2/transcribe?tenant-name=base");
		assertThat(standIn.apiRequests()).isEmpty();
	}

	private static String bearer(String token) {
		return URLEncoder.encode("Bearer " + token, StandardCharsets.UTF_8).replace("+", "%20");
	}

	private String firstMessage(CortiStandIn standIn, String pathAndQuery) throws Exception {
		CompletableFuture<String> message = new CompletableFuture<>();
		WebSocket webSocket = this.client.http()
			.newWebSocketBuilder()
			.buildAsync(URI.create("ws://127.0.0.1:" + standIn.port() + pathAndQuery), new WebSocket.Listener() {

				@Override
				public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
					message.complete(data.toString());
					return null;
				}

			})
			.get(5, TimeUnit.SECONDS);
		try {
			return message.get(5, TimeUnit.SECONDS);
		}
		finally {
			webSocket.abort();
		}
	}

	private int handshakeStatus(CortiStandIn standIn, String pathAndQuery) {
		CompletionException failure = catchThrowableOfType(CompletionException.class, () -> this.client.http()
			.newWebSocketBuilder()
			.buildAsync(URI.create("ws://127.0.0.1:" + standIn.port() + pathAndQuery), new WebSocket.Listener() {
			})
			.join());
		assertThat(failure).as(pathAndQuery).hasCauseInstanceOf(WebSocketHandshakeException.class);
		return ((WebSocketHandshakeException) failure.getCause()).getResponse().statusCode();
	}

}
