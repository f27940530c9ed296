package ai.corti.spring.auth.benchmarks;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;

/**
 * The results of {@link AuthLayerBenchmark} as a Markdown table, with each variant's cost
 * over the baseline.
 */
final class AuthLayerTable {

	private static final String BASELINE = "none";

	private AuthLayerTable() {
	}

	static List<String> render(Collection<RunResult> results) {
		Map<String, Map<String, RunResult>> byMethod = new LinkedHashMap<>();
		for (RunResult result : results) {
			String benchmark = result.getParams().getBenchmark();
			byMethod
				.computeIfAbsent(benchmark.substring(benchmark.lastIndexOf('.') + 1), (key) -> new LinkedHashMap<>())
				.put(result.getParams().getParam("variant"), result);
		}
		List<String> lines = new ArrayList<>();
		lines.add(
				"| step | variant | ns per call (± 99.9 % CI) | ns over none | bytes allocated per call | bytes over none |");
		lines.add("|---|---|---:|---:|---:|---:|");
		for (Map.Entry<String, Map<String, RunResult>> method : byMethod.entrySet()) {
			RunResult baseline = method.getValue().get(BASELINE);
			for (Map.Entry<String, RunResult> variant : method.getValue().entrySet()) {
				Result<?> time = variant.getValue().getPrimaryResult();
				double bytes = bytesPerCall(variant.getValue());
				String timeOver = (baseline != null)
						? format("%+.0f", time.getScore() - baseline.getPrimaryResult().getScore()) : "n/a";
				String bytesOver = (baseline != null) ? format("%+.0f", bytes - bytesPerCall(baseline)) : "n/a";
				lines.add("| " + method.getKey() + " | " + variant.getKey() + " | " + format("%.0f", time.getScore())
						+ " ± " + format("%.0f", time.getScoreError()) + " | " + timeOver + " | "
						+ format("%.0f", bytes) + " | " + bytesOver + " |");
			}
		}
		return lines;
	}

	private static double bytesPerCall(RunResult result) {
		Result<?> allocation = result.getSecondaryResults().get("gc.alloc.rate.norm");
		return (allocation != null) ? allocation.getScore() : Double.NaN;
	}

	private static String format(String pattern, double value) {
		return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, pattern, value);
	}

}
