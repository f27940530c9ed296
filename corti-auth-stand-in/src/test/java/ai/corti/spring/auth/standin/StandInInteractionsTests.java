package ai.corti.spring.auth.standin;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The interactions resource behind the API's checks, over real loopback HTTP.
 */
class StandInInteractionsTests {

	@RegisterExtension
	static CortiStandInExtension corti = new CortiStandInExtension();

	private LoopbackClient client;

	private String token;

	@BeforeEach
	void client(CortiStandIn standIn) {
		this.client = new LoopbackClient(standIn);
		this.token = this.client.accessToken();
	}

	@Test
	void createsReadsAndDeletesAnInteraction(CortiStandIn standIn) {
		HttpResponse<String> created = call("POST", "/interactions/", "{\"encounter\":{\"identifier\":\"e-1\"}}");
		assertThat(created.statusCode()).isEqualTo(201);
		String id = (String) LoopbackClient.json(created).get("interactionId");
		assertThat(LoopbackClient.json(created)).containsEntry("websocketUrl", "ws://127.0.0.1:" + standIn.port()
				+ "/audio-bridge/v2/interactions/" + id + "/streams?tenant-name=" + standIn.tenant());
		HttpResponse<String> read = call("GET", "/interactions/" + id, "");
		assertThat(read.statusCode()).isEqualTo(200);
		assertThat(LoopbackClient.json(read)).containsEntry("id", id)
			.containsEntry("encounter", Map.of("identifier", "e-1"))
			.containsKey("createdAt");
		assertThat(call("GET", "/interactions/" + id + "/", "").statusCode()).isEqualTo(200);
		HttpResponse<String> deleted = call("DELETE", "/interactions/" + id, "");
		assertThat(deleted.statusCode()).isEqualTo(204);
		assertThat(deleted.body()).isEmpty();
		assertThat(call("GET", "/interactions/" + id, "").statusCode()).isEqualTo(404);
		assertThat(call("DELETE", "/interactions/" + id, "").statusCode()).isEqualTo(404);
	}

	@Test
	void createsAnInteractionWithoutAnEncounterFromABodyThatIsNotJson() {
		HttpResponse<String> created = call("POST", "/interactions/", "not json");
		assertThat(created.statusCode()).isEqualTo(201);
		String id = (String) LoopbackClient.json(created).get("interactionId");
		assertThat(LoopbackClient.json(call("GET", "/interactions/" + id, ""))).containsEntry("encounter", null);
	}

	@Test
	void listsTheFirstPageSizeInteractionsInOrderOfCreation() {
		List<Object> ids = List.of(create(), create(), create());
		assertThat(page("?pageSize=2")).isEqualTo(ids.subList(0, 2));
		assertThat(page("")).isEqualTo(ids);
		assertThat(page("?pageSize=many")).isEqualTo(ids);
		assertThat(page("?pageSize=-1")).isEmpty();
	}

	@Test
	void answers404ForOtherPathsAndMethods() {
		for (String[] call : new String[][] { { "GET", "/other" }, { "PUT", "/interactions/" } }) {
			HttpResponse<String> answer = call(call[0], call[1], "");
			assertThat(answer.statusCode()).isEqualTo(404);
			assertThat(answer.body()).isEqualTo("{\"title\":\"Not Found\"}");
		}
	}

	@Test
	void resetForgetsInteractions(CortiStandIn standIn) {
		create();
		standIn.reset();
		assertThat(page("")).isEmpty();
	}

	private HttpResponse<String> call(String method, String path, String body) {
		return this.client.authorized(method, path, body, this.token);
	}

	private Object create() {
		return LoopbackClient.json(call("POST", "/interactions/", "{}")).get("interactionId");
	}

	private List<Object> page(String query) {
		List<?> interactions = (List<?>) LoopbackClient.json(call("GET", "/interactions/" + query, ""))
			.get("interactions");
		return interactions.stream().<Object>map((interaction) -> ((Map<?, ?>) interaction).get("id")).toList();
	}

}
