package ai.corti.spring.auth.keycloak;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in for the Corti API that accepts every request and records its headers. Unlike
 * the project's {@code CortiStandIn} it does not check tokens: it cannot know Keycloak's,
 * and the tests check them instead.
 */
final class LoopbackApi implements AutoCloseable {

	private static final byte[] BODY = "{\"interactions\":[]}".getBytes(StandardCharsets.UTF_8);

	private final HttpServer server;

	private final ExecutorService executor = Executors.newCachedThreadPool();

	private final List<Call> calls = new CopyOnWriteArrayList<>();

	private LoopbackApi() {
		try {
			this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.server.createContext("/", this::answer);
		this.server.setExecutor(this.executor);
		this.server.start();
	}

	static LoopbackApi start() {
		return new LoopbackApi();
	}

	/** Base URL like Corti's, ending in {@code /v2}. */
	String baseUrl() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/v2";
	}

	List<Call> calls() {
		return List.copyOf(this.calls);
	}

	private void answer(HttpExchange exchange) throws IOException {
		try (exchange;
				InputStream body = exchange.getRequestBody();
				OutputStream response = exchange.getResponseBody()) {
			body.transferTo(OutputStream.nullOutputStream());
			this.calls.add(
					new Call(exchange.getRequestURI().getPath(), exchange.getRequestHeaders().getFirst("Authorization"),
							exchange.getRequestHeaders().getFirst("Tenant-Name"), Instant.now()));
			exchange.getResponseHeaders().set("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, BODY.length);
			response.write(BODY);
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

	/**
	 * One request as the API saw it; the headers were looked up ignoring case, as HTTP
	 * requires.
	 */
	record Call(String path, String authorization, String tenantName, Instant receivedAt) {

		/** The bearer token, or {@code null} when the request did not carry one. */
		String bearerToken() {
			return (this.authorization != null && this.authorization.startsWith("Bearer "))
					? this.authorization.substring("Bearer ".length()) : null;
		}

	}

}
