package ai.corti.spring.auth;

import java.net.URI;
import java.time.Duration;

import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;

/**
 * {@code WebClient} filter that adds {@code Authorization: Bearer …} and
 * {@code Tenant-Name} to requests for the Corti API origin. On a {@code 401} it drops the
 * rejected token (at most once per {@code corti.token.failure-backoff}), so the next call
 * gets a new one, and sends the request once more with a new token when its body can be
 * sent again (see {@link ReplayableBody}: any body of at most 1 MiB that was written
 * without flushes). Transient failures are retried as {@link CortiApiRetries} decides.
 * Requests to any other origin pass through untouched.
 *
 * @since 0.1.0
 */
public final class CortiAuthFilter implements ExchangeFilterFunction {

	private final CortiTokenProvider tokens;

	private final String tenantName;

	private final CortiOrigin origin;

	private final CortiApiRetries retries;

	/**
	 * Creates a filter that does not retry transient failures
	 * ({@link CortiApiRetries#none()}).
	 * @param tokens the source of the access tokens
	 * @param tenantName the tenant name, sent as the {@code Tenant-Name} header
	 * @param baseUrl the absolute base URL of the Corti API; only requests to its scheme,
	 * host and port are authenticated
	 */
	public CortiAuthFilter(CortiTokenProvider tokens, String tenantName, URI baseUrl) {
		this(tokens, tenantName, baseUrl, CortiApiRetries.none());
	}

	/**
	 * Creates a filter that also retries transient failures, when the request body can be
	 * sent again.
	 * @param tokens the source of the access tokens
	 * @param tenantName the tenant name, sent as the {@code Tenant-Name} header
	 * @param baseUrl the absolute base URL of the Corti API; only requests to its scheme,
	 * host and port are authenticated
	 * @param retries when failed requests are sent again, such as
	 * {@link CortiApiRetries#none()}
	 * @since 0.1.0
	 */
	public CortiAuthFilter(CortiTokenProvider tokens, String tenantName, URI baseUrl, CortiApiRetries retries) {
		this.tokens = tokens;
		this.tenantName = tenantName;
		this.origin = CortiOrigin.of(baseUrl);
		this.retries = retries;
	}

	@Override
	public Mono<ClientResponse> filter(ClientRequest request, ExchangeFunction next) {
		if (!this.origin.matches(request.url())) {
			return next.exchange(request);
		}
		return Mono.defer(() -> {
			ReplayableBody body = (request.body() == BodyInserters.empty()) ? null : new ReplayableBody(request.body());
			if (!this.retries.isEnabled()) {
				return authorizedExchange(request, body, next);
			}
			this.retries.recordCall();
			return attempt(request, body, next, 0);
		});
	}

	private Mono<ClientResponse> attempt(ClientRequest request, @Nullable ReplayableBody body, ExchangeFunction next,
			int retries) {
		return authorizedExchange(request, body, next).map(Outcome::answered)
			.onErrorResume((failure) -> Mono.just(Outcome.failed(failure)))
			.flatMap((outcome) -> {
				if (!canSendAgain(body)) {
					return outcome.toMono();
				}
				ClientResponse response = outcome.response;
				if (response != null) {
					int status = response.statusCode().value();
					Duration wait = this.retries.afterAnswer(request.method(), retries, status,
							response.headers().asHttpHeaders());
					return (wait != null)
							? response.releaseBody()
								.then(retryAfter(request, body, next, retries, "status " + status, wait))
							: outcome.toMono();
				}
				Throwable failure = outcome.failure();
				Duration wait = this.retries.afterFailure(request.method(), retries, failure);
				return (wait != null)
						? retryAfter(request, body, next, retries, CortiApiRetries.reasonFor(failure), wait)
						: outcome.toMono();
			});
	}

	private Mono<ClientResponse> retryAfter(ClientRequest request, @Nullable ReplayableBody body, ExchangeFunction next,
			int retries, String reason, Duration wait) {
		return Mono.defer(() -> {
			Observation observation = this.retries.retrying(request.method(), request.url(), retries + 1, reason, wait);
			return Mono.delay(wait).doFinally((signal) -> observation.stop());
		}).then(Mono.defer(() -> attempt(request, body, next, retries + 1)));
	}

	/**
	 * One attempt: the current token, and on a {@code 401} a new token and one more send
	 * when possible.
	 * @param request the request to send
	 * @param body the body that can be sent again, or {@code null} for a request without
	 * one
	 * @param next the exchange function that sends the request
	 * @return the response of the last send
	 */
	private Mono<ClientResponse> authorizedExchange(ClientRequest request, @Nullable ReplayableBody body,
			ExchangeFunction next) {
		return this.tokens.accessToken()
			.flatMap((token) -> next.exchange(withToken(request, token, body))
				.flatMap((response) -> (response.statusCode().value() != 401) ? Mono.just(response)
						: onUnauthorized(request, token, body, response, next)));
	}

	private Mono<ClientResponse> onUnauthorized(ClientRequest request, String token, @Nullable ReplayableBody body,
			ClientResponse response, ExchangeFunction next) {
		if (!canSendAgain(body)) {
			this.tokens.invalidateRejected(token);
			return Mono.just(response);
		}
		return this.tokens.renewAfterRejectionReactive(token)
			.flatMap((fresh) -> response.releaseBody().then(next.exchange(withToken(request, fresh, body))))
			.switchIfEmpty(Mono.just(response))
			.onErrorResume(CortiTokenException.class, (ex) -> response.releaseBody().then(Mono.error(ex)))
			.doOnCancel(() -> response.releaseBody().onErrorComplete().subscribe());
	}

	private static boolean canSendAgain(@Nullable ReplayableBody body) {
		return body == null || body.canSendAgain();
	}

	private ClientRequest withToken(ClientRequest request, String token, @Nullable ReplayableBody body) {
		ClientRequest.Builder builder = ClientRequest.from(request).headers((headers) -> {
			headers.setBearerAuth(token);
			headers.set(CortiAuthInterceptor.TENANT_NAME_HEADER, this.tenantName);
		});
		if (body != null) {
			builder.body(body.nextAttempt());
		}
		return builder.build();
	}

	/** A response or a failure, so that both can be looked at in one place. */
	private static final class Outcome {

		private final @Nullable ClientResponse response;

		private final @Nullable Throwable failure;

		private Outcome(@Nullable ClientResponse response, @Nullable Throwable failure) {
			this.response = response;
			this.failure = failure;
		}

		static Outcome answered(ClientResponse response) {
			return new Outcome(response, null);
		}

		static Outcome failed(Throwable failure) {
			return new Outcome(null, failure);
		}

		/**
		 * The failure of an outcome without a response.
		 * @return the failure
		 */
		Throwable failure() {
			Throwable failure = this.failure;
			if (failure == null) {
				throw new IllegalStateException("An outcome has a response or a failure");
			}
			return failure;
		}

		Mono<ClientResponse> toMono() {
			return (this.response != null) ? Mono.just(this.response) : Mono.error(failure());
		}

	}

}
