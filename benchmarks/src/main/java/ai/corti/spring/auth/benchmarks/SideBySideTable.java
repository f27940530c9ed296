package ai.corti.spring.auth.benchmarks;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;

/**
 * The results of {@link SideBySideBenchmark} as a Markdown table: per benchmark method
 * and variant, the mean time per call over all measured iterations and its ratio to the
 * floor's, with the median and range of the ratios of the single iterations. The
 * operations per second are the callers divided by the time per call: exact for one
 * caller; for 16 callers, what 16 callers would achieve if every call took that long
 * (Little's law), an approximation because the load they measured under was a mix of all
 * three variants.
 */
final class SideBySideTable {

	private SideBySideTable() {
	}

	static List<String> render(Collection<RunResult> results) {
		List<String> lines = new ArrayList<>();
		lines.add(
				"| benchmark | variant | calls | µs per call | callers ÷ time per call (ops/s) | time per call vs floor "
						+ "| median ratio of iterations (min – max) | ratio per fork |");
		lines.add("|---|---|---:|---:|---:|---:|---:|---:|");
		for (RunResult result : results) {
			String benchmark = result.getParams().getBenchmark();
			String method = benchmark.substring(benchmark.lastIndexOf('.') + 1);
			List<Map<String, Result>> iterations = new ArrayList<>();
			List<List<Map<String, Result>>> forks = new ArrayList<>();
			for (BenchmarkResult fork : result.getBenchmarkResults()) {
				List<Map<String, Result>> forkIterations = new ArrayList<>();
				for (IterationResult iteration : fork.getIterationResults()) {
					forkIterations.add(iteration.getSecondaryResults());
				}
				forks.add(forkIterations);
				iterations.addAll(forkIterations);
			}
			Totals floor = Totals.of(iterations, ClientVariant.FLOOR);
			for (ClientVariant variant : ClientVariant.values()) {
				Totals totals = Totals.of(iterations, variant);
				String ratio = (variant == ClientVariant.FLOOR) ? "1 (floor)"
						: format("%.3f×", totals.meanNanos() / floor.meanNanos());
				String spread = (variant == ClientVariant.FLOOR) ? "" : iterationRatios(iterations, variant);
				String perFork = (variant == ClientVariant.FLOOR) ? "" : forkRatios(forks, variant);
				lines.add("| " + method + " | " + variant.parameterName() + " | " + totals.calls() + " | "
						+ format("%.1f", totals.meanNanos() / 1000) + " | "
						+ format("%.0f", result.getParams().getThreads() * 1e9 / totals.meanNanos()) + " | " + ratio
						+ " | " + spread + " | " + perFork + " |");
			}
		}
		return lines;
	}

	private static String iterationRatios(List<Map<String, Result>> iterations, ClientVariant variant) {
		List<Double> ratios = new ArrayList<>();
		for (Map<String, Result> iteration : iterations) {
			double floor = Totals.of(List.of(iteration), ClientVariant.FLOOR).meanNanos();
			ratios.add(Totals.of(List.of(iteration), variant).meanNanos() / floor);
		}
		ratios.sort(null);
		if (ratios.isEmpty()) {
			return "n/a";
		}
		int middle = ratios.size() / 2;
		double median = (ratios.size() % 2 == 1) ? ratios.get(middle)
				: (ratios.get(middle - 1) + ratios.get(middle)) / 2;
		return format("%.3f", median) + " (" + format("%.3f", ratios.get(0)) + " – "
				+ format("%.3f", ratios.get(ratios.size() - 1)) + ")";
	}

	private static String forkRatios(List<List<Map<String, Result>>> forks, ClientVariant variant) {
		List<String> ratios = new ArrayList<>();
		for (List<Map<String, Result>> fork : forks) {
			ratios.add(format("%.3f",
					Totals.of(fork, variant).meanNanos() / Totals.of(fork, ClientVariant.FLOOR).meanNanos()));
		}
		return String.join(", ", ratios);
	}

	private static String format(String pattern, double value) {
		return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, pattern, value);
	}

	/** Calls and their summed time of one variant over some iterations. */
	private record Totals(long calls, double nanos) {

		static Totals of(List<Map<String, Result>> iterations, ClientVariant variant) {
			long calls = 0;
			double nanos = 0;
			for (Map<String, Result> iteration : iterations) {
				Result callCount = iteration.get(variant.parameterName() + "Calls");
				Result time = iteration.get(variant.parameterName() + "Nanos");
				if (callCount != null && time != null) {
					calls += Math.round(callCount.getScore());
					nanos += time.getScore();
				}
			}
			return new Totals(calls, nanos);
		}

		double meanNanos() {
			return (this.calls > 0) ? this.nanos / this.calls : Double.NaN;
		}

	}

}
