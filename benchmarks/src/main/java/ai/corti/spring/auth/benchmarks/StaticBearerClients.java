package ai.corti.spring.auth.benchmarks;

import ai.corti.spring.auth.CortiAuthInterceptor;

/**
 * The floor: clients that send a token obtained beforehand as a default header, so a call
 * costs only the HTTP exchange. Unusable in production (the token expires), but nothing
 * can authenticate a call more cheaply.
 */
final class StaticBearerClients {

	private StaticBearerClients() {
	}

	static AuthenticatedClients connect(CortiLoopback loopback) {
		String token = loopback.fetchAccessToken();
		String tenant = loopback.standIn().tenant();
		return new AuthenticatedClients(loopback.unauthenticatedWebClient().defaultHeaders((headers) -> {
			headers.setBearerAuth(token);
			headers.set(CortiAuthInterceptor.TENANT_NAME_HEADER, tenant);
		}).build(), loopback.unauthenticatedRestClient().defaultHeaders((headers) -> {
			headers.setBearerAuth(token);
			headers.set(CortiAuthInterceptor.TENANT_NAME_HEADER, tenant);
		}).build());
	}

}
