package ai.corti.spring.auth.autoconfigure;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import ai.corti.spring.auth.CortiTokenService;
import ai.corti.spring.auth.CortiWebSocketUrls;
import ai.corti.spring.auth.standin.CortiStandIn;
import ai.corti.spring.auth.standin.CortiStandInExtension;
import ai.corti.spring.auth.standin.RecordedRequest;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;
import org.springframework.web.reactive.socket.client.WebSocketClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Authenticated WebSocket URLs, used with Spring's reactive WebSocket client against the
 * stand-in's real-time endpoints.
 */
@ExtendWith(OutputCaptureExtension.class)
class CortiWebSocketUrlsTests {

	@RegisterExtension
	static CortiStandInExtension corti = new CortiStandInExtension();

	private final WebSocketClient webSocketClient = new ReactorNettyWebSocketClient();

	private ApplicationContextRunner contextRunner(CortiStandIn standIn) {
		return StandInContextRunner.of(standIn);
	}

	private String firstMessage(URI uri) {
		StringBuilder received = new StringBuilder();
		this.webSocketClient
			.execute(uri,
					(session) -> session.receive()
						.map(WebSocketMessage::getPayloadAsText)
						.next()
						.doOnNext(received::append)
						.then())
			.block(Duration.ofSeconds(10));
		return received.toString();
	}

	@Test
	void streamsUrlFromPostInteractionsConnectsWithTenantAndToken(CortiStandIn standIn, CapturedOutput output) {
		// Everything at TRACE except the two WebSocket client loggers the README tells
		// users to keep at INFO:
		// Spring's and Reactor Netty's WebSocket clients print the URL they connect to at
		// DEBUG.
		Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
		Logger springWebSocket = (Logger) LoggerFactory.getLogger("org.springframework.web.reactive.socket");
		Logger nettyClient = (Logger) LoggerFactory.getLogger("reactor.netty.http.client");
		Level level = root.getLevel();
		root.setLevel(Level.TRACE);
		springWebSocket.setLevel(Level.INFO);
		nettyClient.setLevel(Level.INFO);
		try {
			streamsUrlFromPostInteractions(standIn, output);
		}
		finally {
			root.setLevel(level);
			springWebSocket.setLevel(null);
			nettyClient.setLevel(null);
		}
	}

	private void streamsUrlFromPostInteractions(CortiStandIn standIn, CapturedOutput output) {
		contextRunner(standIn).run((context) -> {
			WebClient web = context.getBean("cortiWebClient", WebClient.class);
			Map<?, ?> created = web.post()
				.uri("/interactions/")
				.bodyValue(Map.of("encounter", Map.of()))
				.retrieve()
				.bodyToMono(Map.class)
				.block();
			CortiWebSocketUrls urls = context.getBean(CortiWebSocketUrls.class);
			URI uri = urls.authenticate((String) created.get("websocketUrl")).block();
			String token = context.getBean(CortiTokenService.class).getAccessToken();
			assertThat(uri.getRawQuery()).isEqualTo("tenant-name=base&token=Bearer%20" + token);
			assertThat(firstMessage(uri)).contains("CONNECTED", "/streams");
			RecordedRequest connect = standIn.webSocketRequests().get(0);
			assertThat(connect.path())
				.startsWith("/audio-bridge/v2/interactions/" + created.get("interactionId") + "/streams?");
			assertThat(output.getAll()).contains("TRACE").doesNotContain(token);
		});
	}

	@Test
	void streamsAndTranscribeUrlsAreBuiltFromTheApiHost(CortiStandIn standIn) {
		contextRunner(standIn).run((context) -> {
			CortiWebSocketUrls urls = context.getBean(CortiWebSocketUrls.class);
			URI streams = urls.streams("abc-123").block();
			URI transcribe = urls.transcribe().block();
			assertThat(streams).hasScheme("ws")
				.hasPort(standIn.port())
				.hasPath("/audio-bridge/v2/interactions/abc-123/streams");
			assertThat(transcribe).hasPath("/audio-bridge/v2/transcribe");
			assertThat(transcribe.getRawQuery()).startsWith("tenant-name=base&token=Bearer%20ey");
			assertThat(firstMessage(transcribe)).contains("/audio-bridge/v2/transcribe");
			assertThat(urls.toString()).doesNotContain("token=");
		});
	}

	@Test
	void productionUrlsUseWss() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(CortiAutoConfiguration.class))
			.withPropertyValues("corti.environment=eu", "corti.tenant-name=base", "corti.client-id=id",
					"corti.client-secret=secret")
			.run((context) -> assertThat(context.getBean(CortiWebSocketUrls.class).toString())
				.contains("wss://api.eu.corti.app"));
	}

	@Test
	void eachCallTakesTheCurrentTokenSoAReconnectAfterRevocationWorks(CortiStandIn standIn) {
		contextRunner(standIn).run((context) -> {
			CortiWebSocketUrls urls = context.getBean(CortiWebSocketUrls.class);
			CortiTokenService tokens = context.getBean(CortiTokenService.class);
			URI first = urls.transcribe().block();
			standIn.revokeAllTokens();
			assertThatExceptionOfType(RuntimeException.class).isThrownBy(() -> firstMessage(first));
			tokens.invalidate(tokens.getAccessToken());
			URI second = urls.transcribe().block();
			assertThat(second).isNotEqualTo(first);
			assertThat(firstMessage(second)).contains("CONNECTED");
		});
	}

	@Test
	void interactionIdsCannotClimbOutOfTheStreamsPath(CortiStandIn standIn) {
		contextRunner(standIn).run((context) -> {
			CortiWebSocketUrls urls = context.getBean(CortiWebSocketUrls.class);
			assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> urls.streams("..").block());
			assertThat(urls.streams("a/b").block().getRawPath())
				.isEqualTo("/audio-bridge/v2/interactions/a%2Fb/streams");
		});
	}

	@Test
	void aUrlOnAnotherHostIsRefused(CortiStandIn standIn) {
		contextRunner(standIn).run((context) -> {
			CortiWebSocketUrls urls = context.getBean(CortiWebSocketUrls.class);
			assertThatExceptionOfType(IllegalArgumentException.class)
				.isThrownBy(() -> urls.authenticate("wss://evil.example/audio-bridge/v2/transcribe").block())
				.withMessageContaining("evil.example")
				.withMessageNotContaining("Bearer");
			assertThat(standIn.tokenRequestCount()).isZero();
		});
	}

	@Test
	void scopedTokensComeFromTheirOwnCaches(CortiStandIn standIn) {
		contextRunner(standIn).withPropertyValues("corti.websocket.scoped-tokens=true").run((context) -> {
			CortiWebSocketUrls urls = context.getBean(CortiWebSocketUrls.class);
			for (int i = 0; i < 3; i++) {
				assertThat(firstMessage(urls.streams("id-" + i).block())).contains("CONNECTED");
				assertThat(firstMessage(urls.transcribe().block())).contains("CONNECTED");
			}
			context.getBean(CortiTokenService.class).getAccessToken();
			List<String> scopes = standIn.tokenRequests().stream().map((r) -> r.form().get("scope")).toList();
			assertThat(scopes).containsExactlyInAnyOrder("openid streams", "openid transcribe", "openid");
		});
	}

	@Test
	void failingTokenEndpointSurfacesAsTheTypedError(CortiStandIn standIn) {
		contextRunner(standIn).withPropertyValues("corti.client-secret=wrong-websocket-secret").run((context) -> {
			CortiWebSocketUrls urls = context.getBean(CortiWebSocketUrls.class);
			assertThatExceptionOfType(ai.corti.spring.auth.CortiTokenException.class)
				.isThrownBy(() -> urls.transcribe().block())
				.withMessageNotContaining("wrong-websocket-secret");
		});
	}

	@Test
	void urlsAreMonosThatDoNotBlock(CortiStandIn standIn) {
		standIn.tokenDelay(Duration.ofMillis(200));
		contextRunner(standIn).run((context) -> {
			Mono<URI> uri = context.getBean(CortiWebSocketUrls.class).transcribe();
			assertThat(standIn.tokenRequestCount()).isZero();
			assertThat(uri.block(Duration.ofSeconds(5))).isNotNull();
		});
	}

}
