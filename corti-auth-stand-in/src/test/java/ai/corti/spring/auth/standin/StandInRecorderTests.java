package ai.corti.spring.auth.standin;

import java.net.URI;
import java.net.http.HttpRequest;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/**
 * What the stand-in records of the requests it gets over real loopback HTTP, and how it
 * decodes forms.
 */
class StandInRecorderTests {

	@RegisterExtension
	static CortiStandInExtension corti = new CortiStandInExtension();

	private LoopbackClient client;

	@BeforeEach
	void client(CortiStandIn standIn) {
		this.client = new LoopbackClient(standIn);
	}

	@Test
	void decodesFormFieldsKeepingTheFirstValueOfEachName() {
		assertThat(StandInRecorder.formFields("a=1&b=x%20y+z&a=2&c&&d=&e%3D=%26")).containsExactly(entry("a", "1"),
				entry("b", "x y z"), entry("c", ""), entry("d", ""), entry("e=", "&"));
		assertThat(StandInRecorder.formFields("")).isEmpty();
	}

	@Test
	void recordsTheFormOfFormBodiesOnlyAndEveryBodyAsSent(CortiStandIn standIn) {
		this.client.token(LoopbackClient.CLIENT_CREDENTIALS + "&scope=openid");
		this.client.api("POST", "/interactions/", "a=1", "Content-Type", "application/json");
		RecordedRequest token = standIn.tokenRequests().get(0);
		assertThat(token.method()).isEqualTo("POST");
		assertThat(token.path()).isEqualTo("/realms/base/protocol/openid-connect/token");
		assertThat(token.form()).containsEntry("grant_type", "client_credentials").containsEntry("scope", "openid");
		assertThat(token.body()).isEqualTo(LoopbackClient.CLIENT_CREDENTIALS + "&scope=openid");
		RecordedRequest api = standIn.apiRequests().get(0);
		assertThat(api.form()).isEmpty();
		assertThat(api.body()).isEqualTo("a=1");
	}

	@Test
	void keepsEveryHeaderUnderACaseInsensitiveName(CortiStandIn standIn) {
		this.client.get("/interactions/?pageSize=1", "X-Trace", "one", "x-trace", "two");
		RecordedRequest request = standIn.apiRequests().get(0);
		assertThat(request.path()).isEqualTo("/v2/interactions/?pageSize=1");
		assertThat(request.header("X-TRACE")).isEqualTo("one");
		assertThat(request.headers().get("x-Trace")).containsExactly("one", "two");
		assertThat(request.hasHeader("authorization")).isFalse();
	}

	@Test
	void sortsRequestsByEndpointAndCountsEveryPathOutsideTheTokenEndpointAsAnApiRequest(CortiStandIn standIn) {
		this.client.token("nowhere", "");
		this.client.send(HttpRequest.newBuilder(URI.create(standIn.origin() + "/elsewhere")));
		this.client.get("/interactions/");
		assertThat(standIn.tokenRequestCount()).isEqualTo(1);
		assertThat(standIn.tokenRequests()).extracting(RecordedRequest::path)
			.containsExactly("/realms/nowhere/protocol/openid-connect/token");
		assertThat(standIn.apiRequests()).extracting(RecordedRequest::path)
			.containsExactly("/elsewhere", "/v2/interactions/");
		assertThat(standIn.webSocketRequests()).isEmpty();
	}

	@Test
	void recordingApiRequestsCanBeSwitchedOffUntilResetWhileTokenRequestsAreStillRecorded(CortiStandIn standIn) {
		standIn.recordApiRequests(false);
		this.client.get("/interactions/");
		this.client.token(LoopbackClient.CLIENT_CREDENTIALS);
		assertThat(standIn.apiRequests()).isEmpty();
		assertThat(standIn.tokenRequestCount()).isEqualTo(1);
		standIn.reset();
		assertThat(standIn.tokenRequests()).isEmpty();
		this.client.get("/interactions/");
		assertThat(standIn.apiRequests()).hasSize(1);
	}

}
