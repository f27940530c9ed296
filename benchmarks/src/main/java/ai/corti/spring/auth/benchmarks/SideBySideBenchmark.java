package ai.corti.spring.auth.benchmarks;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code GET /v2/interactions/} through all three variants in turn, in one JVM: each
 * caller sends every call through the floor, ours or Spring Security's, drawn at random,
 * and the time of the call is added to that variant's counters. All variants thus see the
 * same JIT state, the same machine load and the same stand-in at every moment, so the
 * ratio of their mean times per call holds even on a machine whose speed drifts, where
 * separate forks measured a minute apart do not. With 16 callers the load is a mix of the
 * variants, so a variant's extra work shows in its own time per call, not in a throughput
 * of its own.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = { "-Xms1g", "-Xmx1g" })
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 4, time = 2)
public class SideBySideBenchmark {

	private static final ClientVariant[] VARIANTS = ClientVariant.values();

	@Benchmark
	@Threads(1)
	public @Nullable String webClientSequential(AllVariants variants, CallTimes times) {
		return times.callNextWebClient(variants);
	}

	@Benchmark
	@Threads(16)
	public @Nullable String webClientConcurrent16(AllVariants variants, CallTimes times) {
		return times.callNextWebClient(variants);
	}

	@Benchmark
	@Threads(1)
	public @Nullable String restClientSequential(AllVariants variants, CallTimes times) {
		return times.callNextRestClient(variants);
	}

	@Benchmark
	@Threads(16)
	public @Nullable String restClientConcurrent16(AllVariants variants, CallTimes times) {
		return times.callNextRestClient(variants);
	}

	/**
	 * The clients of every variant, on one stand-in and one application (so one
	 * connection pool).
	 */
	// JMH calls the @Setup method before any benchmark method reads these fields.
	@SuppressWarnings("NullAway.Init")
	@State(Scope.Benchmark)
	public static class AllVariants {

		CortiLoopback loopback;

		/** Clients by {@link ClientVariant} ordinal. */
		List<AuthenticatedClients> clients;

		@Setup(Level.Trial)
		public void connect() {
			this.loopback = CortiLoopback.start();
			this.clients = Arrays.stream(VARIANTS).map((variant) -> variant.connect(this.loopback)).toList();
			for (AuthenticatedClients variant : this.clients) {
				ListInteractionsBenchmark.get(variant.webClient());
				ListInteractionsBenchmark.get(variant.restClient());
			}
		}

		@TearDown(Level.Trial)
		public void close() {
			this.loopback.close();
		}

	}

	/**
	 * The calls of one caller and the time they took, per variant. JMH adds these
	 * counters up over the callers of an iteration and reports them with each iteration;
	 * {@link SideBySideTable} divides nanoseconds by calls.
	 */
	@AuxCounters(AuxCounters.Type.EVENTS)
	@State(Scope.Thread)
	public static class CallTimes {

		/** Nanoseconds spent in calls through the floor variant. */
		public long floorNanos;

		/** Calls through the floor variant. */
		public long floorCalls;

		/** Nanoseconds spent in calls through our clients. */
		public long cortiNanos;

		/** Calls through our clients. */
		public long cortiCalls;

		/** Nanoseconds spent in calls through Spring Security's clients. */
		public long springSecurityNanos;

		/** Calls through Spring Security's clients. */
		public long springSecurityCalls;

		@Setup(Level.Iteration)
		public void clear() {
			this.floorNanos = 0;
			this.floorCalls = 0;
			this.cortiNanos = 0;
			this.cortiCalls = 0;
			this.springSecurityNanos = 0;
			this.springSecurityCalls = 0;
		}

		@Nullable String callNextWebClient(AllVariants variants) {
			ClientVariant variant = nextVariant();
			long start = System.nanoTime();
			String body = ListInteractionsBenchmark.get(variants.clients.get(variant.ordinal()).webClient());
			record(variant, System.nanoTime() - start);
			return body;
		}

		@Nullable String callNextRestClient(AllVariants variants) {
			ClientVariant variant = nextVariant();
			long start = System.nanoTime();
			String body = ListInteractionsBenchmark.get(variants.clients.get(variant.ordinal()).restClient());
			record(variant, System.nanoTime() - start);
			return body;
		}

		/**
		 * A variant drawn at random rather than in a fixed cycle, so that every variant
		 * follows every other equally often: in a cycle each would always run right after
		 * the same one and inherit whatever work that one leaves behind (garbage, a
		 * connection just released).
		 * @return the variant of the next call
		 */
		private ClientVariant nextVariant() {
			return VARIANTS[ThreadLocalRandom.current().nextInt(VARIANTS.length)];
		}

		private void record(ClientVariant variant, long nanos) {
			switch (variant) {
				case FLOOR -> {
					this.floorNanos += nanos;
					this.floorCalls++;
				}
				case CORTI -> {
					this.cortiNanos += nanos;
					this.cortiCalls++;
				}
				case SPRING_SECURITY -> {
					this.springSecurityNanos += nanos;
					this.springSecurityCalls++;
				}
			}
		}

	}

}
