package ai.corti.spring.auth.benchmarks;

import java.lang.management.ClassLoadingMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.RuntimeMXBean;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import ai.corti.spring.auth.standin.CortiStandIn;
import com.sun.management.OperatingSystemMXBean;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.metrics.buffering.BufferingApplicationStartup;
import org.springframework.boot.context.metrics.buffering.StartupTimeline;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.metrics.StartupStep;

/**
 * One application start in a JVM of its own, run by {@link StartupTime}: starts a
 * stand-in (not timed), then the benchmark application configured as the case named by
 * the second argument ({@code disabled}, {@code one-client}, {@code four-clients},
 * {@code no-starter}: run by {@link StartupTime} without the starter's jars) as the
 * application named by the first ({@code servlet}: with Tomcat and Actuator;
 * {@code none}: non-web), and prints one line to standard output: <pre>
 * corti-startup case=one-client ready-ms=1234.5 uptime-ms=2345 cpu-ms=3456 main-cpu-ms=1234.5 classes=9000
 * </pre>
 * <p>
 * {@code ready-ms} is Boot's own figure, {@link ApplicationReadyEvent#getTimeTaken()},
 * from the start of {@code SpringApplication.run} until the application is ready;
 * {@code uptime-ms} is the JVM's uptime at that moment (the JVM's own start, the
 * stand-in's and the application's) and {@code cpu-ms} the CPU time the process had used
 * by then, all threads (compilers and garbage collector too), which other processes
 * competing for the cores stretch less than the other two; {@code main-cpu-ms} the CPU
 * time of the thread that started the application (the one that builds the beans), which
 * neither other processes nor the JVM's compiler and collector threads add to;
 * {@code classes} the number of classes the JVM had loaded, which does not depend on the
 * machine's speed at all. No token is requested: prefetch is off.
 */
public final class StartupProbe {

	static final String MARKER = "corti-startup";

	static final String BEANS_MARKER = "corti-beans";

	static final List<String> CASES = List.of("disabled", "one-client", "four-clients", "no-starter");

	/**
	 * The applications started: a servlet application with Actuator (Tomcat on a free
	 * port, the health endpoint exposed; its jars come from {@code target/startup-lib})
	 * and a non-web one.
	 */
	static final List<String> APPLICATIONS = List.of("servlet", "none");

	private static final List<String> NAMED_CLIENTS = List.of("a", "b", "c");

	private StartupProbe() {
	}

	public static void main(String[] args) {
		if (args.length != 2 || !APPLICATIONS.contains(args[0]) || !CASES.contains(args[1])) {
			System.err.println("Usage: StartupProbe " + String.join("|", APPLICATIONS) + " " + String.join("|", CASES));
			System.exit(2);
		}
		boolean servlet = "servlet".equals(args[0]);
		String startupCase = args[1];
		// Loaded before the start so that the case does not pay for the management
		// classes at ready.
		RuntimeMXBean runtime = ManagementFactory.getRuntimeMXBean();
		OperatingSystemMXBean system = ManagementFactory.getPlatformMXBean(OperatingSystemMXBean.class);
		AtomicReference<Duration> ready = new AtomicReference<>();
		AtomicReference<Long> uptime = new AtomicReference<>();
		AtomicReference<Long> cpuNanos = new AtomicReference<>();
		AtomicReference<Long> mainCpuNanos = new AtomicReference<>();
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		ClassLoadingMXBean classLoading = ManagementFactory.getClassLoadingMXBean();
		AtomicReference<Long> classes = new AtomicReference<>();
		ApplicationListener<ApplicationReadyEvent> listener = (event) -> {
			uptime.set(runtime.getUptime());
			cpuNanos.set(system.getProcessCpuTime());
			mainCpuNanos.set(threads.getCurrentThreadCpuTime());
			classes.set(classLoading.getTotalLoadedClassCount());
			ready.set(event.getTimeTaken());
		};
		try (CortiStandIn standIn = CortiStandIn.start()) {
			standIn.recordApiRequests(false);
			BufferingApplicationStartup recorder = new BufferingApplicationStartup(20_000);
			ConfigurableApplicationContext context = new SpringApplicationBuilder(BenchmarkApplication.class)
				.applicationStartup(recorder)
				.web(servlet ? WebApplicationType.SERVLET : WebApplicationType.NONE)
				.bannerMode(Banner.Mode.OFF)
				.logStartupInfo(false)
				.listeners(listener)
				.properties(properties(startupCase, servlet, standIn))
				.run();
			context.close();
			System.out.println(BEANS_MARKER + " " + cortiBeans(recorder.getBufferedTimeline()));
			if (standIn.tokenRequestCount() != 0) {
				throw new IllegalStateException("Expected no token request, saw " + standIn.tokenRequestCount());
			}
		}
		Duration timeTaken = ready.get();
		if (timeTaken == null || uptime.get() == null || cpuNanos.get() == null || mainCpuNanos.get() == null
				|| classes.get() == null) {
			throw new IllegalStateException("The application never became ready");
		}
		System.out.printf(Locale.ROOT, "%s case=%s ready-ms=%.1f uptime-ms=%d cpu-ms=%d main-cpu-ms=%.1f classes=%d%n",
				MARKER, startupCase, timeTaken.toNanos() / 1_000_000.0, uptime.get(), cpuNanos.get() / 1_000_000,
				mainCpuNanos.get() / 1_000_000.0, classes.get());
		// Threads the application or the stand-in may leave behind must not keep the
		// parent waiting.
		System.exit(0);
	}

	/**
	 * What instantiating the Corti beans took, from Boot's startup recorder: the beans
	 * whose names contain {@code corti} and that were not made while making another such
	 * bean (so that nothing is counted twice), with their time including the beans they
	 * needed; and what their checks once all singletons were made took.
	 * @param timeline the recorded startup
	 * @return {@code name=milliseconds} pairs, separated by spaces
	 */
	private static String cortiBeans(StartupTimeline timeline) {
		Map<Long, StartupTimeline.TimelineEvent> byId = new HashMap<>();
		timeline.getEvents().forEach((event) -> byId.put(event.getStartupStep().getId(), event));
		StringBuilder beans = new StringBuilder();
		for (StartupTimeline.TimelineEvent event : timeline.getEvents()) {
			String name = cortiBean(event);
			if (name == null) {
				continue;
			}
			Long parent = event.getStartupStep().getParentId();
			boolean nested = false;
			while (parent != null && byId.containsKey(parent)) {
				StartupTimeline.TimelineEvent outer = byId.get(parent);
				if (cortiBean(outer) != null) {
					nested = true;
					break;
				}
				parent = outer.getStartupStep().getParentId();
			}
			if (!nested) {
				beans.append(String.format(Locale.ROOT, "%s=%.1f ", name, event.getDuration().toNanos() / 1e6));
			}
		}
		return beans.toString().trim();
	}

	/**
	 * The name of the Corti bean that the event made, or whose work once all singletons
	 * were made ({@code SmartInitializingSingleton}) it recorded, with
	 * {@code :after-singletons} appended.
	 * @param event a recorded step
	 * @return the name, or {@code null} for any other step
	 */
	private static @Nullable String cortiBean(StartupTimeline.TimelineEvent event) {
		String step = event.getStartupStep().getName();
		String suffix;
		if ("spring.beans.instantiate".equals(step)) {
			suffix = "";
		}
		else if ("spring.beans.smart-initialize".equals(step)) {
			suffix = ":after-singletons";
		}
		else {
			return null;
		}
		for (StartupStep.Tag tag : event.getStartupStep().getTags()) {
			if ("beanName".equals(tag.getKey()) && tag.getValue().toLowerCase(Locale.ROOT).contains("corti")) {
				return tag.getValue().replace(' ', '_') + suffix;
			}
		}
		return null;
	}

	/**
	 * The same settings as {@link CortiLoopback}'s application, with the clients of the
	 * case.
	 * @param startupCase one of {@link #CASES}
	 * @param servlet whether the application is the servlet one
	 * @param standIn the stand-in to point the clients at; gets a tenant per named client
	 * @return the application's properties
	 */
	private static Map<String, Object> properties(String startupCase, boolean servlet, CortiStandIn standIn) {
		Map<String, Object> properties = new LinkedHashMap<>();
		if (servlet) {
			properties.put("server.port", "0");
			properties.put("management.endpoints.web.exposure.include", "health");
		}
		properties.put("spring.http.clients.imperative.factory", "reactor");
		properties.put("spring.http.clients.reactive.connector", "reactor");
		properties.put("logging.level.root", "warn");
		properties.put("corti.token.prefetch", "false");
		if ("disabled".equals(startupCase) || "no-starter".equals(startupCase)) {
			properties.put("corti.enabled", "false");
		}
		properties.put("corti.tenant-name", standIn.tenant());
		properties.put("corti.client-id", standIn.clientId());
		properties.put("corti.client-secret", standIn.clientSecret());
		properties.put("corti.token-uri", standIn.tokenUri());
		properties.put("corti.base-url", standIn.baseUrl());
		if ("four-clients".equals(startupCase)) {
			for (String name : NAMED_CLIENTS) {
				String tenant = "tenant-" + name;
				String clientId = "client-" + name;
				String secret = "secret-" + name;
				standIn.addTenant(tenant, clientId, secret);
				String prefix = "corti.clients." + name + ".";
				properties.put(prefix + "tenant-name", tenant);
				properties.put(prefix + "client-id", clientId);
				properties.put(prefix + "client-secret", secret);
				properties.put(prefix + "token-uri", standIn.tokenUri(tenant));
				properties.put(prefix + "base-url", standIn.baseUrl());
			}
		}
		return properties;
	}

}
