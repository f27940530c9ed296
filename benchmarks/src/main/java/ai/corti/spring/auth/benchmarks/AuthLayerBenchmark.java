package ai.corti.spring.auth.benchmarks;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import ai.corti.spring.auth.CortiAuthFilter;
import ai.corti.spring.auth.CortiAuthInterceptor;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;

/**
 * The authentication step alone, without HTTP: one request through a variant's
 * {@code WebClient} filter or {@code RestClient} interceptor to an exchange that answers
 * {@code 200} at once. The token is already cached (the stand-in issued it during setup),
 * so this is the per-call cost that every API call pays on top of the HTTP exchange, free
 * of the network and server noise that dominates the end-to-end benchmark. {@code none}
 * passes the request straight through and is the baseline.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = { "-Xms1g", "-Xmx1g" })
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Threads(1)
public class AuthLayerBenchmark {

	@Benchmark
	public @Nullable ClientResponse webClientFilter(AuthLayers layers) {
		return layers.filter.filter(layers.webRequest, layers.exchange).block();
	}

	@Benchmark
	public ClientHttpResponse restClientInterceptor(AuthLayers layers) throws IOException {
		return layers.interceptor.intercept(new StubRequest(layers.uri), new byte[0], layers.execution);
	}

	/**
	 * One variant's filter and interceptor, with a cached token, in front of exchanges
	 * that answer at once.
	 */
	// JMH calls the @Setup method before any benchmark method reads these fields.
	@SuppressWarnings("NullAway.Init")
	@State(Scope.Benchmark)
	public static class AuthLayers {

		/** The authentication step to measure; {@code none} passes the request on. */
		@Param({ "none", "corti", "springSecurity" })
		public String variant = "none";

		CortiLoopback loopback;

		URI uri;

		ClientRequest webRequest;

		ExchangeFilterFunction filter;

		ClientHttpRequestInterceptor interceptor;

		final ExchangeFunction exchange = respondingAtOnce(ClientResponse.create(HttpStatus.OK).build());

		final ClientHttpRequestExecution execution = (request, body) -> new StubResponse();

		@Setup(Level.Trial)
		public void prepare() throws IOException {
			this.loopback = CortiLoopback.start();
			URI baseUrl = URI.create(this.loopback.standIn().baseUrl());
			this.uri = URI.create(baseUrl + ListInteractionsBenchmark.PATH);
			this.webRequest = ClientRequest.create(HttpMethod.GET, this.uri).build();
			String tenant = this.loopback.standIn().tenant();
			switch (this.variant) {
				case "none" -> {
					this.filter = (request, next) -> next.exchange(request);
					this.interceptor = (request, body, execution) -> execution.execute(request, body);
				}
				case "corti" -> {
					// With the application's retries, as cortiWebClient and
					// cortiRestClient have them.
					this.filter = new CortiAuthFilter(this.loopback.tokenService(), tenant, baseUrl,
							this.loopback.apiRetries());
					this.interceptor = new CortiAuthInterceptor(this.loopback.tokenService(), tenant, baseUrl,
							this.loopback.apiRetries());
				}
				case "springSecurity" -> {
					this.filter = SpringSecurityClients.exchangeFilter(this.loopback.standIn());
					this.interceptor = SpringSecurityClients.interceptor(this.loopback.standIn());
				}
				default -> throw new IllegalArgumentException("Unknown variant '" + this.variant + "'");
			}
			// The first call of each fetches its token from the stand-in.
			this.filter.filter(this.webRequest, this.exchange).block();
			this.interceptor.intercept(new StubRequest(this.uri), new byte[0], this.execution);
		}

		@TearDown(Level.Trial)
		public void close() {
			this.loopback.close();
		}

		private static ExchangeFunction respondingAtOnce(ClientResponse response) {
			Mono<ClientResponse> answer = Mono.just(response);
			return (request) -> answer;
		}

	}

	/**
	 * A {@code RestClient} request as the interceptor chain sees it: mutable headers, no
	 * body.
	 */
	static final class StubRequest implements HttpRequest {

		private final URI uri;

		private final HttpHeaders headers = new HttpHeaders();

		private final Map<String, Object> attributes = new HashMap<>();

		StubRequest(URI uri) {
			this.uri = uri;
		}

		@Override
		public HttpMethod getMethod() {
			return HttpMethod.GET;
		}

		@Override
		public URI getURI() {
			return this.uri;
		}

		@Override
		public Map<String, Object> getAttributes() {
			return this.attributes;
		}

		@Override
		public HttpHeaders getHeaders() {
			return this.headers;
		}

	}

	/** An empty {@code 200} answer. */
	static final class StubResponse implements ClientHttpResponse {

		@Override
		public HttpStatusCode getStatusCode() {
			return HttpStatus.OK;
		}

		@Override
		public String getStatusText() {
			return "OK";
		}

		@Override
		public HttpHeaders getHeaders() {
			return HttpHeaders.EMPTY;
		}

		@Override
		public InputStream getBody() {
			return new ByteArrayInputStream(new byte[0]);
		}

		@Override
		public void close() {
		}

	}

}
