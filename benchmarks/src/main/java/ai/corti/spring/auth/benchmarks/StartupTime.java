package ai.corti.spring.auth.benchmarks;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Application start time with the starter off, with the top-level client, with the
 * top-level client and three named clients, and without the starter on the class path:
 * Boot's time to ready, the JVM's uptime and the CPU time it had used at that moment.
 * Every start is a new JVM running {@link StartupProbe} with this JVM's class path and
 * default JVM options, so nothing loaded or compiled by one start helps the next. A round
 * starts each case once, in an order rotated from round to round; one unreported round
 * first brings the jars into the file cache.
 */
final class StartupTime {

	private static final Pattern LINE = Pattern.compile(StartupProbe.MARKER
			+ " case=(\\S+) ready-ms=([0-9.]+) uptime-ms=([0-9]+) cpu-ms=([0-9]+) main-cpu-ms=([0-9.]+) classes=([0-9]+)");

	private static final Pattern BEANS = Pattern.compile(StartupProbe.BEANS_MARKER + " (.*)");

	private static final Pattern BEAN = Pattern.compile("(\\S+)=([0-9.]+)");

	private static final long PATIENCE_SECONDS = 120;

	private StartupTime() {
	}

	static List<String> run(int rounds, String loadBefore) {
		List<String> lines = new ArrayList<>();
		for (String application : StartupProbe.APPLICATIONS) {
			lines.addAll(run(application, rounds, loadBefore));
			lines.add("");
		}
		return lines;
	}

	private static List<String> run(String application, int rounds, String loadBefore) {
		// Starts by case, in the order of StartupProbe.CASES.
		List<List<Start>> starts = StartupProbe.CASES.stream()
			.map((startupCase) -> new ArrayList<Start>())
			.collect(Collectors.toList());
		StartupProbe.CASES.forEach((startupCase) -> start(application, startupCase));
		for (int round = 0; round < rounds; round++) {
			StringBuilder progress = new StringBuilder(
					"Startup (" + application + ") round " + (round + 1) + " of " + rounds + ":");
			for (int i = 0; i < StartupProbe.CASES.size(); i++) {
				int index = (round + i) % StartupProbe.CASES.size();
				String startupCase = StartupProbe.CASES.get(index);
				Start start = start(application, startupCase);
				starts.get(index).add(start);
				progress.append(String.format(Locale.ROOT, " %s %.0f ms (uptime %.0f ms, CPU %.0f ms, main %.0f ms);",
						startupCase, start.readyMillis(), start.uptimeMillis(), start.cpuMillis(),
						start.mainCpuMillis()));
			}
			System.out.println(progress);
		}
		return render(application, starts, rounds, loadBefore);
	}

	private static List<String> render(String application, List<List<Start>> starts, int rounds, String loadBefore) {
		List<Function<Start, Double>> figures = List.of(Start::readyMillis, Start::uptimeMillis, Start::cpuMillis,
				Start::mainCpuMillis, Start::classes);
		// Medians by case, then by figure.
		double[][] medians = new double[StartupProbe.CASES.size()][figures.size()];
		List<String> lines = new ArrayList<>();
		lines.add(("servlet".equals(application)
				? "Servlet application with Actuator (Tomcat on a free port, health endpoint exposed)"
				: "Non-web application")
				+ ": startup, each start in a new JVM (stand-in started first, not in Boot's figure; prefetch off), "
				+ rounds + " rounds, case order rotated each round, median (min–max) (load average " + loadBefore
				+ " before, " + BenchmarkMain.loadAverage() + " after):");
		lines.add("");
		lines.add("| case | time to ready (`ApplicationReadyEvent#getTimeTaken`) | JVM uptime at ready "
				+ "| process CPU time at ready | main thread's CPU time at ready | classes loaded at ready |");
		lines.add("|---|---:|---:|---:|---:|---:|");
		for (int i = 0; i < StartupProbe.CASES.size(); i++) {
			StringBuilder line = new StringBuilder("| " + label(StartupProbe.CASES.get(i)) + " |");
			for (int j = 0; j < figures.size(); j++) {
				List<Double> values = starts.get(i).stream().map(figures.get(j)).toList();
				medians[i][j] = median(values);
				line.append(" ").append(summary(values, unit(j))).append(" |");
			}
			lines.add(line.toString());
		}
		lines.add(difference("four clients − one client", starts, 2, 1, figures, medians, 3));
		lines.add(difference("one client − disabled", starts, 1, 0, figures, medians, 1));
		lines.add(difference("one client − no starter", starts, 1, 3, figures, medians, 1));
		lines.add("");
		lines.add("Boot's startup recorder (`BufferingApplicationStartup`), one client: instantiating the outermost "
				+ "Corti beans (each including the beans it needed), median over the rounds:");
		lines.add("");
		lines.add("| bean | ms |");
		lines.add("|---|---:|");
		Map<String, List<Double>> beans = new LinkedHashMap<>();
		starts.get(1)
			.forEach((start) -> start.beans()
				.forEach((name, millis) -> beans.computeIfAbsent(name, (key) -> new ArrayList<>()).add(millis)));
		beans.entrySet()
			.stream()
			.sorted((a, b) -> Double.compare(median(b.getValue()), median(a.getValue())))
			.forEach((bean) -> lines
				.add(String.format(Locale.ROOT, "| `%s` | %.1f |", bean.getKey(), median(bean.getValue()))));
		lines.add(String.format(Locale.ROOT, "| all of them | %.1f |",
				starts.get(1)
					.stream()
					.map((start) -> start.beans().values().stream().mapToDouble(Double::doubleValue).sum())
					.sorted()
					.toList()
					.get(rounds / 2)));
		lines.add("");
		lines.add("Differences are differences of medians, then (paired) the median of the differences within "
				+ "each round, with its distribution-free 95 % confidence interval (between the k-th smallest and "
				+ "the k-th largest difference, k from the binomial distribution); per named client from the paired "
				+ "figure. Process CPU time counts every thread of the JVM "
				+ "(compilers and garbage collector too) from its start, stand-in included; the main thread's CPU time "
				+ "counts only the thread that ran `SpringApplication.run` (stand-in included), which the compiler "
				+ "and collector threads and other processes do not add to, so it is the steadiest of the four.");
		return lines;
	}

	private static String label(String startupCase) {
		return switch (startupCase) {
			case "disabled" -> "disabled (`corti.enabled=false`)";
			case "one-client" -> "one client (top-level)";
			case "no-starter" -> "no starter (its jars left off the class path)";
			default -> "four clients (top-level + `corti.clients.a`, `.b`, `.c`)";
		};
	}

	private static Start start(String application, String startupCase) {
		Path output = null;
		try {
			output = Files.createTempFile("corti-startup-", ".log");
			Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
					"-cp", classPath(application, startupCase), StartupProbe.class.getName(), application, startupCase)
				.redirectErrorStream(true)
				.redirectOutput(output.toFile())
				.start();
			if (!process.waitFor(PATIENCE_SECONDS, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new IllegalStateException(
						"Start of " + startupCase + " did not finish in " + PATIENCE_SECONDS + " s");
			}
			String text = Files.readString(output, StandardCharsets.UTF_8);
			Matcher line = LINE.matcher(text);
			if (process.exitValue() != 0 || !line.find() || !startupCase.equals(line.group(1))) {
				throw new IllegalStateException(
						"Start of " + startupCase + " failed (exit " + process.exitValue() + "):\n" + text);
			}
			Map<String, Double> beans = new LinkedHashMap<>();
			Matcher beanLine = BEANS.matcher(text);
			if (beanLine.find()) {
				Matcher bean = BEAN.matcher(beanLine.group(1));
				while (bean.find()) {
					beans.put(bean.group(1), Double.parseDouble(bean.group(2)));
				}
			}
			return new Start(Double.parseDouble(line.group(2)), Double.parseDouble(line.group(3)),
					Double.parseDouble(line.group(4)), Double.parseDouble(line.group(5)),
					Double.parseDouble(line.group(6)), beans);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not start a JVM for " + startupCase, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while starting " + startupCase, ex);
		}
		finally {
			if (output != null) {
				output.toFile().delete();
			}
		}
	}

	/**
	 * This JVM's class path, spelled out from the benchmark jar's manifest; for the
	 * {@code no-starter} case without the starter and its auto-configuration; for the
	 * servlet application with the jars in {@code startup-lib} next to the benchmark jar.
	 * @param application the application
	 * @param startupCase the case
	 * @return the class path for the child JVM
	 * @throws IOException if the benchmark jar cannot be read
	 */
	private static String classPath(String application, String startupCase) throws IOException {
		List<String> entries = new ArrayList<>();
		for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
			entries.add(entry);
			Path path = Path.of(entry);
			if ("servlet".equals(application) && path.getFileName().toString().equals("benchmarks.jar")) {
				entries.addAll(webJars(path.toAbsolutePath().resolveSibling("startup-lib")));
			}
			if (entry.endsWith(".jar") && Files.isRegularFile(path)) {
				try (JarFile jar = new JarFile(path.toFile())) {
					Manifest manifest = jar.getManifest();
					String classPath = (manifest != null)
							? manifest.getMainAttributes().getValue(Attributes.Name.CLASS_PATH) : null;
					if (classPath != null) {
						for (String relative : classPath.trim().split("\\s+")) {
							entries.add(path.toAbsolutePath().resolveSibling(relative).toString());
						}
					}
				}
			}
		}
		return entries.stream()
			.filter((entry) -> !"no-starter".equals(startupCase)
					|| !Path.of(entry).getFileName().toString().startsWith("corti-auth-spring-boot-"))
			.collect(Collectors.joining(File.pathSeparator));
	}

	private static List<String> webJars(Path directory) throws IOException {
		if (!Files.isDirectory(directory)) {
			throw new IllegalStateException("No " + directory + " with the servlet application's jars; build the "
					+ "benchmarks with ./mvnw -Pbenchmarks -pl benchmarks -am package -DskipTests");
		}
		try (var jars = Files.list(directory)) {
			return jars.filter((jar) -> jar.toString().endsWith(".jar")).map(Path::toString).sorted().toList();
		}
	}

	/**
	 * The median; of an even count, the mean of the middle two.
	 * @param values at least one value
	 * @return their median
	 */
	private static double median(List<Double> values) {
		List<Double> sorted = values.stream().sorted().toList();
		int middle = sorted.size() / 2;
		return (sorted.size() % 2 == 1) ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
	}

	private static String summary(List<Double> values, String unit) {
		List<Double> sorted = values.stream().sorted().toList();
		return String.format(Locale.ROOT, "%.0f%s (%.0f–%.0f)", median(values), unit, sorted.get(0),
				sorted.get(sorted.size() - 1));
	}

	/**
	 * The unit of a figure: milliseconds, but none for the class count (the last one).
	 * @param figure the index of the figure
	 * @return the unit, with its leading space
	 */
	private static String unit(int figure) {
		return (figure == 4) ? "" : " ms";
	}

	/**
	 * A row of differences between two cases: the difference of their medians, then in
	 * brackets the median of the differences within each round (the two starts of a round
	 * ran close in time, so a slow spell of the machine affects both).
	 * @param label the row's label
	 * @param starts the starts by case, each in round order
	 * @param minuend the index of the case subtracted from
	 * @param subtrahend the index of the case subtracted
	 * @param figures the figures
	 * @param medians the medians by case and figure
	 * @param per divides the differences for a per-client figure when above 1
	 * @return the row
	 */
	private static String difference(String label, List<List<Start>> starts, int minuend, int subtrahend,
			List<Function<Start, Double>> figures, double[][] medians, int per) {
		StringBuilder row = new StringBuilder("| " + label + " |");
		for (int j = 0; j < figures.size(); j++) {
			Function<Start, Double> figure = figures.get(j);
			List<Double> paired = new ArrayList<>();
			for (int round = 0; round < starts.get(minuend).size(); round++) {
				paired.add(
						figure.apply(starts.get(minuend).get(round)) - figure.apply(starts.get(subtrahend).get(round)));
			}
			double ofMedians = medians[minuend][j] - medians[subtrahend][j];
			double pairedMedian = median(paired);
			row.append(String.format(Locale.ROOT, " %+.0f%s (paired %+.0f", ofMedians, unit(j), pairedMedian));
			int rank = confidenceRank(paired.size());
			if (rank > 0) {
				List<Double> sorted = paired.stream().sorted().toList();
				row.append(String.format(Locale.ROOT, ", 95 %% CI %+.0f to %+.0f", sorted.get(rank - 1),
						sorted.get(paired.size() - rank)));
			}
			row.append(")");
			if (per > 1) {
				row.append(String.format(Locale.ROOT, ", %+.0f per named client", pairedMedian / per));
			}
			row.append(" |");
		}
		return row.toString();
	}

	/**
	 * The rank {@code k} of the distribution-free confidence interval of a median: with
	 * {@code n} values sorted, the median lies between the {@code k}-th smallest and the
	 * {@code k}-th largest with at least 95 % confidence, whatever the distribution (the
	 * number of values below the median is binomial with p = 1/2).
	 * @param n the number of values
	 * @return {@code k}, or 0 when there are too few values for such an interval
	 */
	static int confidenceRank(int n) {
		// The largest k with P(X <= k - 1) <= 0.025 for X ~ Binomial(n, 1/2).
		double below = 0;
		double term = Math.pow(0.5, n);
		int rank = 0;
		for (int k = 1; k <= n / 2; k++) {
			below += term;
			if (below > 0.025) {
				break;
			}
			rank = k;
			term = term * (n - (k - 1)) / k;
		}
		return rank;
	}

	/**
	 * One start.
	 *
	 * @param readyMillis Boot's time to ready
	 * @param uptimeMillis the JVM's uptime when the application was ready
	 * @param cpuMillis the CPU time the JVM had used when the application was ready
	 * @param mainCpuMillis the CPU time the thread that started the application had used
	 * by then
	 * @param classes the number of classes the JVM had loaded by then
	 * @param beans what instantiating each outermost Corti bean took, by bean name
	 */
	private record Start(double readyMillis, double uptimeMillis, double cpuMillis, double mainCpuMillis,
			double classes, Map<String, Double> beans) {

	}

}
