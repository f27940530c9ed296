package ai.corti.spring.auth.standin;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import io.netty.handler.codec.http.HttpHeaderNames;
import reactor.netty.http.server.HttpServerRequest;

/**
 * What the stand-in received: token, API and WebSocket requests, each in arrival order.
 * Recording API requests can be switched off for long load runs. Thread-safe.
 */
final class StandInRecorder {

	private static final String FORM = "application/x-www-form-urlencoded";

	private final Queue<RecordedRequest> tokenRequests = new ConcurrentLinkedQueue<>();

	private final Queue<RecordedRequest> apiRequests = new ConcurrentLinkedQueue<>();

	private final Queue<RecordedRequest> webSocketRequests = new ConcurrentLinkedQueue<>();

	private volatile boolean recordApiRequests = true;

	/**
	 * A request as it is recorded: its form fields are parsed when its body is a form.
	 * @param request the request as received
	 * @param body its body, empty when there was none
	 * @return the request to record and answer
	 */
	static RecordedRequest recordedRequest(HttpServerRequest request, String body) {
		Map<String, List<String>> headers = new LinkedHashMap<>();
		request.requestHeaders()
			.forEach((entry) -> headers.computeIfAbsent(entry.getKey(), (name) -> new ArrayList<>())
				.add(entry.getValue()));
		String contentType = request.requestHeaders().get(HttpHeaderNames.CONTENT_TYPE);
		Map<String, String> form = (contentType != null && contentType.startsWith(FORM)) ? formFields(body) : Map.of();
		return new RecordedRequest(request.method().name(), request.uri(), headers, form, body);
	}

	/**
	 * Decodes {@code application/x-www-form-urlencoded} fields, as in a form body or a
	 * query string.
	 * @param encoded the encoded fields, such as {@code a=1&b=x%20y}
	 * @return the decoded fields in order, the first value of each name
	 */
	static Map<String, String> formFields(String encoded) {
		Map<String, String> form = new LinkedHashMap<>();
		for (String pair : encoded.split("&")) {
			if (pair.isEmpty()) {
				continue;
			}
			int equals = pair.indexOf('=');
			String name = URLDecoder.decode((equals < 0) ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
			String value = (equals < 0) ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
			form.putIfAbsent(name, value);
		}
		return form;
	}

	void addTokenRequest(RecordedRequest request) {
		this.tokenRequests.add(request);
	}

	void addApiRequest(RecordedRequest request) {
		if (this.recordApiRequests) {
			this.apiRequests.add(request);
		}
	}

	void addWebSocketRequest(RecordedRequest request) {
		this.webSocketRequests.add(request);
	}

	void recordApiRequests(boolean record) {
		this.recordApiRequests = record;
	}

	List<RecordedRequest> tokenRequests() {
		return List.copyOf(this.tokenRequests);
	}

	int tokenRequestCount() {
		return this.tokenRequests.size();
	}

	List<RecordedRequest> apiRequests() {
		return List.copyOf(this.apiRequests);
	}

	List<RecordedRequest> webSocketRequests() {
		return List.copyOf(this.webSocketRequests);
	}

	/** Forgets every recorded request and records API requests again. */
	void reset() {
		this.tokenRequests.clear();
		this.apiRequests.clear();
		this.webSocketRequests.clear();
		this.recordApiRequests = true;
	}

}
