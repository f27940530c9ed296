package ai.corti.spring.auth;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.web.util.UriComponentsBuilder;

/**
 * Authenticated URLs for Corti's real-time WebSocket endpoints. Corti reads the token
 * from the query string ({@code tenant-name=…&token=Bearer%20…}), so ask for a new URL on
 * every connect and reconnect, and never log or store it: each call takes the current
 * token, which has at least the configured expiry margin left. With narrower scopes
 * configured ({@code corti.websocket.scoped-tokens=true}) the streams and transcribe URLs
 * carry tokens with scope {@code openid streams} / {@code openid transcribe} from their
 * own cache. <pre>{@code
 * urls.streams(interactionId).flatMap((uri) -> webSocketClient.execute(uri, handler))
 * }</pre>
 *
 * @since 0.1.0
 */
public final class CortiWebSocketUrls {

	private final CortiTokenProvider streamsTokens;

	private final CortiTokenProvider transcribeTokens;

	private final String tenantName;

	private final CortiOrigin origin;

	private final String webSocketOrigin;

	/**
	 * Creates the URLs of the WebSocket endpoints on the host of {@code baseUrl}.
	 * @param tokens the main token service
	 * @param streamsTokens tokens for {@code streams} sockets, or {@code null} to use the
	 * main token
	 * @param transcribeTokens tokens for {@code transcribe} sockets, or {@code null} to
	 * use the main token
	 * @param tenantName the tenant
	 * @param baseUrl the REST API base URL; the sockets live on the same host under
	 * {@code /audio-bridge/v2}
	 */
	public CortiWebSocketUrls(CortiTokenProvider tokens, @Nullable CortiTokenProvider streamsTokens,
			@Nullable CortiTokenProvider transcribeTokens, String tenantName, URI baseUrl) {
		this.streamsTokens = (streamsTokens != null) ? streamsTokens : tokens;
		this.transcribeTokens = (transcribeTokens != null) ? transcribeTokens : tokens;
		this.tenantName = tenantName;
		this.origin = CortiOrigin.of(baseUrl);
		String scheme = "https".equals(this.origin.scheme()) ? "wss" : "ws";
		this.webSocketOrigin = scheme + "://" + baseUrl.getRawAuthority();
	}

	/**
	 * URL of {@code /audio-bridge/v2/interactions/{id}/streams} with tenant and a current
	 * token.
	 * @param interactionId the interaction, as returned by {@code POST /interactions/}
	 * @return a {@code Mono} of the URL, or an error with a {@link CortiTokenException}
	 */
	public Mono<URI> streams(String interactionId) {
		if (interactionId.isBlank() || ".".equals(interactionId) || "..".equals(interactionId)) {
			return Mono.error(new IllegalArgumentException("Not an interaction id: '" + interactionId + "'"));
		}
		String path = "/audio-bridge/v2/interactions/"
				+ URLEncoder.encode(interactionId, StandardCharsets.UTF_8).replace("+", "%20") + "/streams";
		return this.streamsTokens.accessToken().map((token) -> build(this.webSocketOrigin + path, token));
	}

	/**
	 * URL of {@code /audio-bridge/v2/transcribe} with tenant and a current token.
	 * @return a {@code Mono} of the URL, or an error with a {@link CortiTokenException}
	 */
	public Mono<URI> transcribe() {
		return this.transcribeTokens.accessToken()
			.map((token) -> build(this.webSocketOrigin + "/audio-bridge/v2/transcribe", token));
	}

	/**
	 * Completes the {@code websocketUrl} returned by {@code POST /interactions/} (which
	 * already names the tenant) with a current token. A URL on any other host than the
	 * Corti API is refused, so the token cannot be sent elsewhere.
	 * @param websocketUrl the URL from Corti's answer
	 * @return a {@code Mono} of the URL, or an error: {@link IllegalArgumentException}
	 * for a foreign or malformed URL, {@link CortiTokenException} when no token can be
	 * had
	 */
	public Mono<URI> authenticate(String websocketUrl) {
		return Mono.fromCallable(() -> requireCortiHost(websocketUrl))
			.flatMap((url) -> this.streamsTokens.accessToken().map((token) -> build(url, token)));
	}

	private String requireCortiHost(String websocketUrl) {
		URI uri = URI.create(websocketUrl);
		String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
		String httpScheme = switch (scheme) {
			case "wss" -> "https";
			case "ws" -> "http";
			default -> scheme;
		};
		URI asHttp = URI.create(httpScheme + "://" + uri.getRawAuthority() + "/");
		if (uri.getRawAuthority() == null || !this.origin.matches(asHttp)) {
			throw new IllegalArgumentException("Refusing to add a Corti token to a WebSocket URL outside the Corti API "
					+ "host " + this.origin.host() + " (got host " + uri.getHost() + ")");
		}
		return websocketUrl;
	}

	private URI build(String url, String token) {
		UriComponentsBuilder builder = UriComponentsBuilder.fromUriString(url);
		if (!url.contains("tenant-name=")) {
			builder.queryParam("tenant-name", URLEncoder.encode(this.tenantName, StandardCharsets.UTF_8));
		}
		String encodedToken = URLEncoder.encode(token, StandardCharsets.UTF_8);
		return builder.replaceQueryParam("token", "Bearer%20" + encodedToken).build(true).toUri();
	}

	@Override
	public String toString() {
		return "CortiWebSocketUrls[" + this.webSocketOrigin + ", tenant=" + this.tenantName + "]";
	}

}
