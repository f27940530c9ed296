package ai.corti.spring.auth.benchmarks;

import java.util.concurrent.TimeUnit;

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

import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Throughput of {@code GET /v2/interactions/} on the stand-in, per client variant, with
 * one caller and with 16 concurrent callers. The annotations hold the quick settings;
 * {@link BenchmarkMain} overrides them for a full run.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = { "-Xms1g", "-Xmx1g" })
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 3, time = 2)
public class ListInteractionsBenchmark {

	static final String PATH = "/interactions/";

	@Benchmark
	@Threads(1)
	public @Nullable String webClientSequential(Clients clients) {
		return get(clients.webClient);
	}

	@Benchmark
	@Threads(16)
	public @Nullable String webClientConcurrent16(Clients clients) {
		return get(clients.webClient);
	}

	@Benchmark
	@Threads(1)
	public @Nullable String restClientSequential(Clients clients) {
		return get(clients.restClient);
	}

	@Benchmark
	@Threads(16)
	public @Nullable String restClientConcurrent16(Clients clients) {
		return get(clients.restClient);
	}

	static @Nullable String get(WebClient client) {
		return client.get().uri(PATH).retrieve().bodyToMono(String.class).block();
	}

	static @Nullable String get(RestClient client) {
		return client.get().uri(PATH).retrieve().body(String.class);
	}

	/**
	 * The clients of one variant against their own stand-in. Before each iteration both
	 * clients are checked with one unmeasured call; after it, any token request made
	 * during the iteration is reported (there should be none: tokens live 300 s, far
	 * longer than a fork).
	 */
	// JMH calls the @Setup method before any benchmark method reads these fields.
	@SuppressWarnings("NullAway.Init")
	@State(Scope.Benchmark)
	public static class Clients {

		/** The {@link ClientVariant} measured in this fork, by parameter name. */
		@Param({ "floor", "corti", "springSecurity" })
		public String variant = "floor";

		CortiLoopback loopback;

		WebClient webClient;

		RestClient restClient;

		private int tokenRequestsBeforeIteration;

		@Setup(Level.Trial)
		public void connect() {
			this.loopback = CortiLoopback.start();
			AuthenticatedClients clients = ClientVariant.named(this.variant).connect(this.loopback);
			this.webClient = clients.webClient();
			this.restClient = clients.restClient();
		}

		@Setup(Level.Iteration)
		public void prepareIteration() {
			if (get(this.webClient) == null || get(this.restClient) == null) {
				throw new IllegalStateException(this.variant + ": the stand-in answered without a body");
			}
			this.tokenRequestsBeforeIteration = this.loopback.standIn().tokenRequestCount();
		}

		@TearDown(Level.Iteration)
		public void reportTokenRequests() {
			int during = this.loopback.standIn().tokenRequestCount() - this.tokenRequestsBeforeIteration;
			if (during != 0) {
				System.out.println(this.variant + ": " + during + " token requests during the iteration");
			}
		}

		@TearDown(Level.Trial)
		public void close() {
			this.loopback.close();
		}

	}

}
