package ai.corti.spring.auth.standin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

/**
 * The JDK HTTP client, pointed at one stand-in over loopback: token requests, API calls
 * and what their answers carry.
 */
final class LoopbackClient {

	static final String CLIENT_CREDENTIALS = "grant_type=client_credentials&client_id=" + CortiStandIn.DEFAULT_CLIENT_ID
			+ "&client_secret=" + CortiStandIn.DEFAULT_CLIENT_SECRET;

	private static final ObjectMapper json = new ObjectMapper();

	private final HttpClient http = HttpClient.newHttpClient();

	private final CortiStandIn standIn;

	LoopbackClient(CortiStandIn standIn) {
		this.standIn = standIn;
	}

	HttpResponse<String> token(String form) {
		return token(this.standIn.tenant(), form);
	}

	HttpResponse<String> token(String tenant, String form, String... headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.standIn.tokenUri(tenant)))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form));
		if (headers.length > 0) {
			request.headers(headers);
		}
		return send(request);
	}

	/**
	 * Fetches a token of the current tenant with the default credentials.
	 * @return the access token
	 */
	String accessToken() {
		return accessToken(token(CLIENT_CREDENTIALS));
	}

	HttpResponse<String> get(String path, String... headers) {
		return api("GET", path, "", headers);
	}

	/**
	 * Calls the API with a bearer token and the current tenant's {@code Tenant-Name}.
	 * @param method the HTTP method
	 * @param path the path below the base URL, such as {@code /interactions/}
	 * @param body the body, empty for none
	 * @param token the access token
	 * @return the answer
	 */
	HttpResponse<String> authorized(String method, String path, String body, String token) {
		return api(method, path, body, "Authorization", "Bearer " + token, "Tenant-Name", this.standIn.tenant());
	}

	HttpResponse<String> api(String method, String path, String body, String... headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.standIn.baseUrl() + path))
			.method(method,
					body.isEmpty() ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
		if (headers.length > 0) {
			request.headers(headers);
		}
		return send(request);
	}

	HttpResponse<String> send(HttpRequest.Builder request) {
		try {
			return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	HttpClient http() {
		return this.http;
	}

	static Map<String, Object> json(HttpResponse<String> answer) {
		return json(answer.body());
	}

	static String accessToken(HttpResponse<String> answer) {
		return (String) json(answer).get("access_token");
	}

	/**
	 * The claims of a JWT the stand-in issued.
	 * @param jwt the token
	 * @return its payload
	 */
	static Map<String, Object> claims(String jwt) {
		byte[] payload = Base64.getUrlDecoder().decode(jwt.split("\\.")[1]);
		return json(new String(payload, StandardCharsets.UTF_8));
	}

	private static Map<String, Object> json(String body) {
		return json.readValue(body, new TypeReference<Map<String, Object>>() {
		});
	}

}
