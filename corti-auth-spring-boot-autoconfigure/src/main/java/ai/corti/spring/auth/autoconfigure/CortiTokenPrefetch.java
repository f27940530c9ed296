package ai.corti.spring.auth.autoconfigure;

import ai.corti.spring.auth.CortiTokenProvider;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;

/**
 * Once the application is ready, starts fetching the first token of every
 * {@link CortiTokenProvider} in the background, so that the first call finds it instead
 * of waiting for the token endpoint. Never delays or fails startup: a failure is logged
 * by the token service, and the first call tries again.
 */
final class CortiTokenPrefetch implements ApplicationListener<ApplicationReadyEvent> {

	private final ObjectProvider<CortiTokenProvider> tokenServices;

	private final ObjectProvider<CortiClients> namedClients;

	CortiTokenPrefetch(ObjectProvider<CortiTokenProvider> tokenServices, ObjectProvider<CortiClients> namedClients) {
		this.tokenServices = tokenServices;
		this.namedClients = namedClients;
	}

	@Override
	public void onApplicationEvent(ApplicationReadyEvent event) {
		this.tokenServices.orderedStream().forEach(CortiTokenProvider::prefetch);
		this.namedClients.ifAvailable(
				(clients) -> clients.names().forEach((name) -> clients.get(name).getTokenService().prefetch()));
	}

}
