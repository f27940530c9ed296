package ai.corti.spring.auth.benchmarks;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.util.ListStatistics;

/**
 * The throughput results as a Markdown table: per benchmark method and variant, the mean
 * operations per second over every measured iteration of every round with a 99.9 %
 * confidence interval, and the time per call relative to the floor of the same benchmark
 * method. With several rounds, the ratio of each round is listed too: each round measures
 * every variant close together in time, so its ratios are less exposed to a machine whose
 * speed drifts.
 */
final class ThroughputTable {

	private static final double CONFIDENCE = 0.999;

	/**
	 * Bytes allocated per call, from JMH's GC profiler: in-process, so client and
	 * stand-in together.
	 */
	private static final String ALLOCATION_PER_CALL = "gc.alloc.rate.norm";

	private final Map<String, Map<String, ListStatistics>> iterations = new LinkedHashMap<>();

	private final Map<String, Map<String, List<Double>>> roundScores = new LinkedHashMap<>();

	private final Map<String, Map<String, ListStatistics>> allocations = new LinkedHashMap<>();

	private int rounds;

	/**
	 * Adds the results of one round: one fork of every benchmark method and variant.
	 * @param results the round's results from JMH
	 */
	void addRound(Collection<RunResult> results) {
		this.rounds++;
		for (RunResult result : results) {
			String benchmark = result.getParams().getBenchmark();
			String method = benchmark.substring(benchmark.lastIndexOf('.') + 1);
			String variant = result.getParams().getParam("variant");
			ListStatistics statistics = this.iterations.computeIfAbsent(method, (key) -> new LinkedHashMap<>())
				.computeIfAbsent(variant, (key) -> new ListStatistics());
			ListStatistics allocation = this.allocations.computeIfAbsent(method, (key) -> new LinkedHashMap<>())
				.computeIfAbsent(variant, (key) -> new ListStatistics());
			for (BenchmarkResult fork : result.getBenchmarkResults()) {
				for (IterationResult iteration : fork.getIterationResults()) {
					statistics.addValue(iteration.getPrimaryResult().getScore());
					Result<?> bytesPerCall = iteration.getSecondaryResults().get(ALLOCATION_PER_CALL);
					if (bytesPerCall != null) {
						allocation.addValue(bytesPerCall.getScore());
					}
				}
			}
			this.roundScores.computeIfAbsent(method, (key) -> new LinkedHashMap<>())
				.computeIfAbsent(variant, (key) -> new ArrayList<>())
				.add(result.getPrimaryResult().getScore());
		}
	}

	List<String> render() {
		List<String> lines = new ArrayList<>();
		lines.add("| benchmark | variant | ops/s (mean ± 99.9 % CI) | time per call vs floor | allocated per call"
				+ ((this.rounds > 1) ? " | ratio per round" : "") + " |");
		lines.add("|---|---|---:|---:|---:" + ((this.rounds > 1) ? "|---" : "") + "|");
		for (Map.Entry<String, Map<String, ListStatistics>> method : this.iterations.entrySet()) {
			String floorName = ClientVariant.FLOOR.parameterName();
			ListStatistics floor = method.getValue().get(floorName);
			List<Double> floorRounds = this.roundScores.getOrDefault(method.getKey(), Map.of()).get(floorName);
			for (Map.Entry<String, ListStatistics> variant : method.getValue().entrySet()) {
				boolean isFloor = floorName.equals(variant.getKey());
				String line = "| " + method.getKey() + " | " + variant.getKey() + " | " + score(variant.getValue())
						+ " | " + (isFloor ? "1 (floor)" : ratioToFloor(variant.getValue(), floor)) + " | "
						+ bytes(this.allocations.getOrDefault(method.getKey(), Map.of()).get(variant.getKey()));
				if (this.rounds > 1) {
					List<Double> scores = this.roundScores.getOrDefault(method.getKey(), Map.of())
						.get(variant.getKey());
					line += " | " + (isFloor ? "" : perRoundRatios(scores, floorRounds));
				}
				lines.add(line + " |");
			}
		}
		return lines;
	}

	private static String bytes(@Nullable ListStatistics statistics) {
		return (statistics == null || statistics.getN() == 0) ? "n/a"
				: format("%.0f", statistics.getMean() / 1024) + " KiB";
	}

	private static String score(ListStatistics statistics) {
		return format("%.0f", statistics.getMean()) + " ± " + format("%.0f", error(statistics)) + " (n="
				+ statistics.getN() + ")";
	}

	/**
	 * Time per call over that of the floor (the floor's throughput over this one's), with
	 * an uncertainty from both intervals added in quadrature: a rough guide, since the
	 * intervals are not Gaussian.
	 * @param result the variant's iterations
	 * @param floor the floor's iterations, if measured
	 * @return the ratio and its uncertainty, or {@code n/a}
	 */
	private static String ratioToFloor(ListStatistics result, @Nullable ListStatistics floor) {
		if (floor == null) {
			return "n/a";
		}
		double ratio = floor.getMean() / result.getMean();
		double relativeError = Math.hypot(error(floor) / floor.getMean(), error(result) / result.getMean());
		return format("%.3f", ratio) + "×"
				+ (Double.isNaN(relativeError) ? "" : " ± " + format("%.3f", ratio * relativeError));
	}

	private static String perRoundRatios(@Nullable List<Double> scores, @Nullable List<Double> floorScores) {
		List<String> ratios = new ArrayList<>();
		if (scores == null || floorScores == null) {
			return "n/a";
		}
		for (int i = 0; i < Math.min(scores.size(), floorScores.size()); i++) {
			ratios.add(format("%.3f", floorScores.get(i) / scores.get(i)));
		}
		return ratios.stream().collect(Collectors.joining(", "));
	}

	private static double error(ListStatistics statistics) {
		return (statistics.getN() > 2) ? statistics.getMeanErrorAt(CONFIDENCE) : Double.NaN;
	}

	private static String format(String pattern, double value) {
		return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, pattern, value);
	}

}
