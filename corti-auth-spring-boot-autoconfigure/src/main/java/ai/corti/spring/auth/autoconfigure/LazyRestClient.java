package ai.corti.spring.auth.autoconfigure;

import java.util.function.Supplier;

import org.springframework.http.HttpMethod;
import org.springframework.web.client.RestClient;

/**
 * A {@code RestClient} built on its first use ({@link LazyClient}).
 */
final class LazyRestClient extends LazyClient<RestClient> implements RestClient {

	LazyRestClient(Supplier<RestClient> factory) {
		super(factory);
	}

	@Override
	public RequestHeadersUriSpec<?> get() {
		return client().get();
	}

	@Override
	public RequestHeadersUriSpec<?> head() {
		return client().head();
	}

	@Override
	public RequestBodyUriSpec post() {
		return client().post();
	}

	@Override
	public RequestBodyUriSpec put() {
		return client().put();
	}

	@Override
	public RequestBodyUriSpec patch() {
		return client().patch();
	}

	@Override
	public RequestHeadersUriSpec<?> delete() {
		return client().delete();
	}

	@Override
	public RequestHeadersUriSpec<?> options() {
		return client().options();
	}

	@Override
	public RequestBodyUriSpec method(HttpMethod method) {
		return client().method(method);
	}

	@Override
	public Builder mutate() {
		return client().mutate();
	}

}
