package ai.corti.spring.auth.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Latency of an application's first Corti call, with and without
 * {@code corti.token.prefetch}, against a token endpoint that answers after 500 ms. The
 * first call is made either at once when {@code SpringApplication.run} returns (the
 * application is ready) or one second later, as a first request usually arrives some time
 * after startup. Runs alternate between the two settings, each on a new stand-in and
 * application.
 */
final class FirstCall {

	static final Duration TOKEN_DELAY = Duration.ofMillis(500);

	static final int RUNS = 7;

	private FirstCall() {
	}

	static List<String> run() {
		List<Duration> withoutAtOnce = new ArrayList<>();
		List<Duration> withAtOnce = new ArrayList<>();
		List<Duration> withoutLater = new ArrayList<>();
		List<Duration> withLater = new ArrayList<>();
		measure(false, Duration.ZERO);
		for (int i = 0; i < RUNS; i++) {
			withoutAtOnce.add(measure(false, Duration.ZERO));
			withAtOnce.add(measure(true, Duration.ZERO));
			withoutLater.add(measure(false, Duration.ofSeconds(1)));
			withLater.add(measure(true, Duration.ofSeconds(1)));
		}
		List<String> table = new ArrayList<>();
		table.add("First call (`cortiRestClient`, GET /v2/interactions/), token endpoint delayed "
				+ TOKEN_DELAY.toMillis() + " ms, median of " + RUNS + " alternating runs (min–max):");
		table.add("");
		table.add("| first call made | prefetch off | prefetch on (default) |");
		table.add("|---|---:|---:|");
		table.add("| when the application is ready | " + summary(withoutAtOnce) + " | " + summary(withAtOnce) + " |");
		table.add("| 1 s after it is ready | " + summary(withoutLater) + " | " + summary(withLater) + " |");
		return table;
	}

	private static Duration measure(boolean prefetch, Duration after) {
		try (CortiLoopback loopback = CortiLoopback.start(prefetch, TOKEN_DELAY)) {
			sleep(after);
			long start = System.nanoTime();
			loopback.cortiRestClient().get().uri(ListInteractionsBenchmark.PATH).retrieve().toBodilessEntity();
			Duration latency = Duration.ofNanos(System.nanoTime() - start);
			if (loopback.standIn().tokenRequestCount() != 1) {
				throw new IllegalStateException(
						"Expected one token request, saw " + loopback.standIn().tokenRequestCount());
			}
			return latency;
		}
	}

	private static String summary(List<Duration> latencies) {
		List<Duration> sorted = latencies.stream().sorted().toList();
		return String.format(Locale.ROOT, "%.1f ms (%.1f–%.1f)", millis(sorted.get(sorted.size() / 2)),
				millis(sorted.get(0)), millis(sorted.get(sorted.size() - 1)));
	}

	private static double millis(Duration duration) {
		return duration.toNanos() / 1_000_000.0;
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
