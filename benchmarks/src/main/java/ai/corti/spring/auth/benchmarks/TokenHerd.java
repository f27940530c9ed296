package ai.corti.spring.auth.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Cold start under a herd: a new application (no token yet), the token endpoint answering
 * after 500 ms, and 200 callers that each list interactions at the same moment. Counts
 * the token requests the stand-in received and how the callers fared.
 */
final class TokenHerd {

	static final int CALLERS = 200;

	static final Duration TOKEN_DELAY = Duration.ofMillis(500);

	private static final Duration PATIENCE = Duration.ofSeconds(90);

	private TokenHerd() {
	}

	/**
	 * One herd per client of ours and of Spring Security, each on a fresh stand-in and
	 * application. A first pass, not reported, loads and compiles the code paths, so that
	 * the herd times reported do not depend on which herd ran first in the JVM; every
	 * application, and so every token cache, is new in both passes.
	 * @return the herds of the second pass
	 */
	static List<Result> runAll() {
		runEach();
		return runEach();
	}

	private static List<Result> runEach() {
		List<Result> results = new ArrayList<>();
		for (ClientVariant variant : List.of(ClientVariant.CORTI, ClientVariant.SPRING_SECURITY)) {
			for (String client : List.of("WebClient", "RestClient")) {
				results.add(run(variant, client));
			}
		}
		return results;
	}

	static Result run(ClientVariant variant, String client) {
		try (CortiLoopback loopback = CortiLoopback.start()) {
			loopback.standIn().tokenDelay(TOKEN_DELAY);
			AuthenticatedClients clients = variant.connect(loopback);
			int before = loopback.standIn().tokenRequestCount();
			long start = System.nanoTime();
			Map<String, Integer> outcomes = "WebClient".equals(client) ? herdOfWebClientCalls(clients)
					: herdOfRestClientCalls(clients);
			Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
			// Token requests are recorded on arrival; give stragglers from a queue a
			// moment to arrive.
			sleep(Duration.ofSeconds(1));
			return new Result(variant, client, before, loopback.standIn().tokenRequestCount() - before, outcomes,
					elapsed);
		}
	}

	private static Map<String, Integer> herdOfWebClientCalls(AuthenticatedClients clients) {
		List<String> outcomes = Flux.range(0, CALLERS)
			.flatMap((caller) -> clients.webClient()
				.get()
				.uri(ListInteractionsBenchmark.PATH)
				.retrieve()
				.toBodilessEntity()
				.map((response) -> "ok")
				.onErrorResume((ex) -> Mono.just(describe(ex))), CALLERS)
			.collectList()
			.block(PATIENCE);
		Map<String, Integer> counts = new TreeMap<>();
		if (outcomes != null) {
			outcomes.forEach((outcome) -> counts.merge(outcome, 1, Integer::sum));
		}
		return counts;
	}

	private static Map<String, Integer> herdOfRestClientCalls(AuthenticatedClients clients) {
		CountDownLatch ready = new CountDownLatch(CALLERS);
		CountDownLatch go = new CountDownLatch(1);
		Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
		List<Thread> callers = new ArrayList<>();
		for (int i = 0; i < CALLERS; i++) {
			Thread caller = new Thread(() -> {
				ready.countDown();
				String outcome;
				try {
					go.await();
					clients.restClient().get().uri(ListInteractionsBenchmark.PATH).retrieve().toBodilessEntity();
					outcome = "ok";
				}
				catch (Exception ex) {
					outcome = describe(ex);
				}
				counts.computeIfAbsent(outcome, (key) -> new AtomicInteger()).incrementAndGet();
			}, "herd-" + i);
			caller.setDaemon(true);
			callers.add(caller);
			caller.start();
		}
		await(ready);
		go.countDown();
		long deadline = System.nanoTime() + PATIENCE.toNanos();
		for (Thread caller : callers) {
			try {
				caller.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
		}
		Map<String, Integer> result = new TreeMap<>();
		counts.forEach((outcome, count) -> result.put(outcome, count.get()));
		int unfinished = (int) callers.stream().filter(Thread::isAlive).count();
		if (unfinished > 0) {
			result.put("still waiting after " + PATIENCE.toSeconds() + " s", unfinished);
		}
		return result;
	}

	/**
	 * The exception and its root cause, by class name: enough to tell pool exhaustion
	 * from a 401.
	 * @param ex what a caller's call ended with
	 * @return the class names of the exception and of its root cause
	 */
	private static String describe(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		String name = ex.getClass().getSimpleName();
		return (root == ex) ? name : name + " caused by " + root.getClass().getSimpleName();
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while starting the herd", ex);
		}
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * What one herd did.
	 *
	 * @param tokenRequestsBefore token requests the stand-in had seen before the herd
	 * (must be 0: a cold start)
	 * @param tokenRequests token requests caused by the herd
	 * @param outcomes how many callers ended which way ({@code ok} or an exception)
	 * @param elapsed from the herd's start until the last caller finished
	 */
	record Result(ClientVariant variant, String client, int tokenRequestsBefore, int tokenRequests,
			Map<String, Integer> outcomes, Duration elapsed) {

		int succeeded() {
			return this.outcomes.getOrDefault("ok", 0);
		}

	}

}
