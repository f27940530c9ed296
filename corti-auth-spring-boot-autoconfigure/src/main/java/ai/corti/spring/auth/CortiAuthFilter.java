package ai.corti.spring.auth;

import java.net.URI;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.http.client.reactive.ClientHttpRequest;
import org.springframework.web.reactive.function.BodyInserter;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;

/**
 * {@code WebClient} filter that adds {@code Authorization: Bearer …} and {@code Tenant-Name} to requests for the
 * Corti API origin, and on a {@code 401} drops the rejected token and sends the request once more with a new one,
 * provided its body can be sent again: requests without a body and requests whose body is written as one value of at
 * most 1 MiB ({@code bodyValue(…)}, a {@code Mono}, form data) are retried; streamed bodies ({@code Flux}) and larger
 * ones are not, and their {@code 401} reaches the caller. Requests to any other origin pass through untouched.
 */
public final class CortiAuthFilter implements ExchangeFilterFunction {

	private final CortiTokenService tokens;

	private final String tenantName;

	private final CortiOrigin origin;

	public CortiAuthFilter(CortiTokenService tokens, String tenantName, URI baseUrl) {
		this.tokens = tokens;
		this.tenantName = tenantName;
		this.origin = CortiOrigin.of(baseUrl);
	}

	@Override
	public Mono<ClientResponse> filter(ClientRequest request, ExchangeFunction next) {
		if (!this.origin.matches(request.url())) {
			return next.exchange(request);
		}
		return Mono.defer(() -> {
			ReplayableBody body = (request.body() == BodyInserters.empty()) ? null : new ReplayableBody(request.body());
			return this.tokens.accessToken()
				.flatMap((token) -> next.exchange(authorized(request, token, body))
					.flatMap((response) -> retryOnUnauthorized(request, token, body, response, next)));
		});
	}

	private Mono<ClientResponse> retryOnUnauthorized(ClientRequest request, String token, @Nullable ReplayableBody body,
			ClientResponse response, ExchangeFunction next) {
		if (response.statusCode().value() != 401 || (body != null && !body.isReplayable())) {
			return Mono.just(response);
		}
		return this.tokens.renewAfterRejectionReactive(token)
			.flatMap((fresh) -> response.releaseBody().then(next.exchange(replayed(request, fresh, body))))
			.switchIfEmpty(Mono.just(response))
			.onErrorResume(CortiTokenException.class, (ex) -> response.releaseBody().then(Mono.error(ex)));
	}

	private ClientRequest authorized(ClientRequest request, String token, @Nullable ReplayableBody body) {
		return withToken(request, token, (body != null) ? body.recording() : null);
	}

	private ClientRequest replayed(ClientRequest request, String token, @Nullable ReplayableBody body) {
		return withToken(request, token, (body != null) ? body.replay() : null);
	}

	private ClientRequest withToken(ClientRequest request, String token,
			@Nullable BodyInserter<?, ? super ClientHttpRequest> body) {
		ClientRequest.Builder builder = ClientRequest.from(request).headers((headers) -> {
			headers.setBearerAuth(token);
			headers.set(CortiAuthInterceptor.TENANT_NAME_HEADER, this.tenantName);
		});
		if (body != null) {
			builder.body(body);
		}
		return builder.build();
	}

}
