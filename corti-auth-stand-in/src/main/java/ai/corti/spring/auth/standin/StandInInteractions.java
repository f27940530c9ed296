package ai.corti.spring.auth.standin;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.ObjectMapper;

/**
 * The one resource the API serves, {@code /v2/interactions/}: created, listed (first
 * {@code pageSize}, default 50), read and deleted, in memory. Thread-safe.
 */
final class StandInInteractions {

	private static final String PATH = "/v2/interactions/";

	private static final int DEFAULT_PAGE_SIZE = 50;

	private static final ObjectMapper json = new ObjectMapper();

	private final Map<String, Map<String, Object>> interactions = Collections.synchronizedMap(new LinkedHashMap<>());

	private final Supplier<String> webSocketOrigin;

	/**
	 * Creates an empty store.
	 * @param webSocketOrigin the {@code ws://} scheme, host and port of the stand-in, for
	 * the {@code websocketUrl} of new interactions
	 */
	StandInInteractions(Supplier<String> webSocketOrigin) {
		this.webSocketOrigin = webSocketOrigin;
	}

	/**
	 * Answers an authorized API request that no script or canned answer took.
	 * @param request the API request
	 * @param path its path, without the query
	 * @return the interactions' answer, {@code 404} for anything else
	 */
	StandInAnswer answer(RecordedRequest request, String path) {
		String method = request.method();
		if (PATH.equals(path) && "GET".equals(method)) {
			int pageSize = pageSize(request.path());
			List<Map<String, Object>> page;
			synchronized (this.interactions) {
				page = this.interactions.values().stream().limit(pageSize).collect(Collectors.toList());
			}
			return StandInAnswer.jsonOf(200, Map.of("interactions", page));
		}
		if (PATH.equals(path) && "POST".equals(method)) {
			Map<?, ?> requested = readJson(request.body());
			String id = UUID.randomUUID().toString();
			Map<String, Object> interaction = new LinkedHashMap<>();
			interaction.put("id", id);
			interaction.put("encounter", (requested != null) ? requested.get("encounter") : null);
			interaction.put("createdAt", Instant.now().toString());
			this.interactions.put(id, interaction);
			String websocketUrl = this.webSocketOrigin.get() + "/audio-bridge/v2/interactions/" + id
					+ "/streams?tenant-name=" + request.header("Tenant-Name");
			return StandInAnswer.jsonOf(201, Map.of("interactionId", id, "websocketUrl", websocketUrl));
		}
		if (path.startsWith(PATH) && path.length() > PATH.length()) {
			String id = path.substring(PATH.length()).replaceAll("/$", "");
			Map<String, Object> interaction = "DELETE".equals(method) ? this.interactions.remove(id)
					: this.interactions.get(id);
			if (interaction == null) {
				return StandInAnswer.notFound();
			}
			return "DELETE".equals(method) ? StandInAnswer.empty(204) : StandInAnswer.jsonOf(200, interaction);
		}
		return StandInAnswer.notFound();
	}

	void clear() {
		this.interactions.clear();
	}

	private static int pageSize(String uri) {
		int query = uri.indexOf('?');
		if (query >= 0) {
			for (String pair : uri.substring(query + 1).split("&")) {
				if (pair.startsWith("pageSize=")) {
					try {
						return Math.max(0, Integer.parseInt(pair.substring("pageSize=".length())));
					}
					catch (NumberFormatException ex) {
						return DEFAULT_PAGE_SIZE;
					}
				}
			}
		}
		return DEFAULT_PAGE_SIZE;
	}

	private static @Nullable Map<?, ?> readJson(String body) {
		if (body.isBlank()) {
			return null;
		}
		try {
			return json.readValue(body, Map.class);
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

}
