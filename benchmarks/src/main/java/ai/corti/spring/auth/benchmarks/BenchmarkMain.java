package ai.corti.spring.auth.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs up to six parts and prints their results as Markdown tables (also written to
 * {@code benchmark-report.md} next to the jar, beside JMH's raw JSON results):
 * <ol>
 * <li>{@code side-by-side}: {@link SideBySideBenchmark}, the variants' calls interleaved
 * in one JVM;</li>
 * <li>{@code throughput}: {@link ListInteractionsBenchmark}, each variant in a fork of
 * its own, in rounds: a round runs one fork of every benchmark method and variant, so
 * each variant is measured close in time to its floor, and a full run repeats rounds
 * rather than adding forks;</li>
 * <li>{@code auth-layer}: {@link AuthLayerBenchmark}, the authentication step alone;</li>
 * <li>{@code herd}: {@link TokenHerd}, token requests under 200 simultaneous callers at
 * cold start;</li>
 * <li>{@code first-call}: {@link FirstCall}, the first call's latency with and without
 * token prefetch;</li>
 * <li>{@code startup}: {@link StartupTime}, application start time without the starter,
 * with one client and with four, each start in a new JVM.</li>
 * </ol>
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar          quick (about 5 min plus 18 JVM starts): side-by-side,
 *                                                     auth-layer, herd, first-call, startup, short runs,
 *                                                     5 startup rounds
 * java -jar benchmarks/target/benchmarks.jar --full   (about 35 min plus 30 JVM starts) all six parts, longer
 *                                                     runs, 3 forks side by side, 3 throughput rounds,
 *                                                     9 startup rounds
 * options: --rounds N (throughput and startup rounds), --include REGEX (JMH filter for the throughput part),
 *          --parts side-by-side,throughput,auth-layer,herd,first-call,startup
 * </pre>
 * <p>
 * The quick mode leaves out {@code throughput}: a fork needs 10 to 20 s on two cores
 * before its JIT-compiled code settles, so short separate forks measure mostly warm-up.
 * JMH itself is available too:
 * {@code java -cp benchmarks/target/benchmarks.jar org.openjdk.jmh.Main -h}.
 */
public final class BenchmarkMain {

	private static final Set<String> PARTS = Set.of("side-by-side", "throughput", "auth-layer", "herd", "first-call",
			"startup");

	private BenchmarkMain() {
	}

	public static void main(String[] args) throws RunnerException, IOException {
		boolean full = false;
		Integer rounds = null;
		String include = ListInteractionsBenchmark.class.getSimpleName();
		Set<String> parts = null;
		for (int i = 0; i < args.length; i++) {
			switch (args[i]) {
				case "--full" -> full = true;
				case "--quick" -> full = false;
				case "--rounds" -> rounds = Integer.valueOf(args[++i]);
				case "--include" -> include = args[++i];
				case "--parts" -> parts = Set.of(args[++i].split(","));
				default -> {
					System.err.println("Unknown option " + args[i] + "; use --quick (default), --full, --rounds N, "
							+ "--include REGEX, --parts side-by-side,throughput,auth-layer,herd,first-call,startup");
					System.exit(2);
				}
			}
		}
		if (parts == null) {
			parts = full ? PARTS : Set.of("side-by-side", "auth-layer", "herd", "first-call", "startup");
		}
		if (!PARTS.containsAll(parts)) {
			System.err.println("Unknown part in " + parts + "; parts are " + PARTS);
			System.exit(2);
		}
		Path outputDirectory = outputDirectory();
		int roundCount = (rounds != null) ? rounds : (full ? 3 : 1);
		List<String> report = new ArrayList<>();
		report.add("Run of " + ZonedDateTime.now().format(DateTimeFormatter.RFC_1123_DATE_TIME) + ", "
				+ (full ? "full" : "quick") + " mode, " + Runtime.getRuntime().availableProcessors()
				+ " processors, Java " + System.getProperty("java.vm.version"));
		if (parts.contains("side-by-side")) {
			String loadBefore = loadAverage();
			ChainedOptionsBuilder options = jmh(SideBySideBenchmark.class.getSimpleName(),
					outputDirectory.resolve("jmh-side-by-side.json"));
			if (full) {
				// Forks differ in how the JIT compiles the reactive chains; several forks
				// average that out.
				options.forks(3).warmupIterations(8).measurementIterations(10);
			}
			report.add("");
			List<String> table = SideBySideTable.render(new Runner(options.build()).run());
			report
				.add("Side by side: GET /v2/interactions/ through the three variants in turn, in one JVM (load average "
						+ loadBefore + " before, " + loadAverage() + " after):");
			report.add("");
			report.addAll(table);
		}
		if (parts.contains("throughput")) {
			String loadBefore = loadAverage();
			ThroughputTable table = new ThroughputTable();
			for (int round = 1; round <= roundCount; round++) {
				System.out.println("Throughput round " + round + " of " + roundCount);
				ChainedOptionsBuilder options = jmh(include,
						outputDirectory.resolve("jmh-throughput-" + round + ".json"));
				if (full) {
					options.warmupIterations(8).measurementIterations(8);
				}
				table.addRound(new Runner(options.build()).run());
			}
			report.add("");
			report.add("Throughput of GET /v2/interactions/, each variant in its own fork (" + roundCount + " round"
					+ ((roundCount > 1) ? "s" : "") + "; load average " + loadBefore + " before, " + loadAverage()
					+ " after):");
			report.add("");
			report.addAll(table.render());
		}
		if (parts.contains("auth-layer")) {
			String loadBefore = loadAverage();
			ChainedOptionsBuilder options = jmh(AuthLayerBenchmark.class.getSimpleName(),
					outputDirectory.resolve("jmh-auth-layer.json"));
			if (full) {
				options.warmupIterations(5).measurementIterations(10);
			}
			List<String> table = AuthLayerTable.render(new Runner(options.build()).run());
			report.add("");
			report.add("Authentication step alone, token cached, no HTTP (load average " + loadBefore + " before, "
					+ loadAverage() + " after):");
			report.add("");
			report.addAll(table);
		}
		if (parts.contains("herd")) {
			report.add("");
			report.addAll(HerdTable.render(TokenHerd.runAll()));
		}
		if (parts.contains("first-call")) {
			report.add("");
			report.addAll(FirstCall.run());
		}
		if (parts.contains("startup")) {
			String loadBefore = loadAverage();
			report.add("");
			report.addAll(StartupTime.run((rounds != null) ? rounds : (full ? 9 : 5), loadBefore));
		}
		System.out.println();
		report.forEach(System.out::println);
		Path reportFile = outputDirectory.resolve("benchmark-report.md");
		Files.write(reportFile, report);
		System.out.println();
		System.out.println("Report written to " + reportFile);
	}

	private static ChainedOptionsBuilder jmh(String include, Path resultFile) {
		return new OptionsBuilder().include(include)
			.forks(1)
			.addProfiler(GCProfiler.class)
			.shouldFailOnError(true)
			.resultFormat(ResultFormatType.JSON)
			.result(resultFile.toString());
	}

	/**
	 * The one-minute system load average: on a 2-core machine, anything much above 2
	 * means others compete.
	 * @return the load average with one decimal
	 */
	static String loadAverage() {
		return String.format(Locale.ROOT, "%.1f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
	}

	/**
	 * The directory of the benchmarks jar (benchmarks/target), else the working
	 * directory.
	 * @return where the report and JMH's results go
	 */
	private static Path outputDirectory() {
		try {
			Path location = Path.of(BenchmarkMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
			Path directory = Files.isRegularFile(location) ? location.getParent() : location;
			return (directory != null) ? directory : Path.of("");
		}
		catch (URISyntaxException | RuntimeException ex) {
			return Path.of("");
		}
	}

}
