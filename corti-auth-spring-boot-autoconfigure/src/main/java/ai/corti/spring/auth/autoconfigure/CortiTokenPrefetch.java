package ai.corti.spring.auth.autoconfigure;

import java.util.List;

import ai.corti.spring.auth.CortiTokenProvider;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.core.task.SimpleAsyncTaskExecutor;

/**
 * Once the application is ready, on a thread of its own: starts fetching the first token
 * of every {@link CortiTokenProvider}, then builds the Corti clients that are built on
 * first use ({@code cortiRestClient}, {@code cortiWebClient}, the named clients'), so
 * that the first call finds both instead of waiting for them. Never delays or fails
 * startup: a token failure is logged by the token service, and the first call tries
 * again.
 */
final class CortiTokenPrefetch implements ApplicationListener<ApplicationReadyEvent> {

	private static final Log logger = LogFactory.getLog(CortiTokenPrefetch.class);

	private static final List<String> CLIENT_BEANS = List.of("cortiRestClient", "cortiWebClient");

	private final ObjectProvider<CortiTokenProvider> tokenServices;

	private final ObjectProvider<CortiClients> namedClients;

	CortiTokenPrefetch(ObjectProvider<CortiTokenProvider> tokenServices, ObjectProvider<CortiClients> namedClients) {
		this.tokenServices = tokenServices;
		this.namedClients = namedClients;
	}

	@Override
	public void onApplicationEvent(ApplicationReadyEvent event) {
		SimpleAsyncTaskExecutor thread = new SimpleAsyncTaskExecutor("corti-prefetch-");
		thread.setDaemon(true);
		thread.execute(() -> prefetch(event.getApplicationContext()));
	}

	private void prefetch(ApplicationContext context) {
		// Tokens first: their requests then run while the clients are built.
		step("token prefetch", () -> this.tokenServices.orderedStream().forEach(CortiTokenProvider::prefetch));
		this.namedClients.ifAvailable((clients) -> clients.names()
			.forEach((name) -> step("token prefetch of corti-" + name,
					() -> clients.get(name).getTokenService().prefetch())));
		for (String name : CLIENT_BEANS) {
			step(name, () -> {
				if (context.containsBean(name) && context.isSingleton(name)) {
					LazyClient.build(context.getBean(name));
				}
			});
		}
		this.namedClients.ifAvailable((clients) -> clients.names()
			.forEach((name) -> step("clients of corti-" + name, () -> clients.get(name).build())));
	}

	/**
	 * Runs one step; a failure is left to the first call, which meets it again (a token
	 * failure is logged by its token service, a client that cannot be built fails that
	 * call), and the other steps go on.
	 * @param what the step, for the log
	 * @param step the step
	 */
	private static void step(String what, Runnable step) {
		try {
			step.run();
		}
		catch (RuntimeException ex) {
			logger.debug("Corti prefetch: " + what + " failed; the first call tries again", ex);
		}
	}

}
